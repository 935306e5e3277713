package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000);

    @Test
    void admitsTheLimitPerWindowThenRefusesUntilTheWindowEnds() {
        RateLimiter limiter = new RateLimiter(2, 5, nanos::get);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        nanos.addAndGet(999_000_000);
        assertThat(limiter.tryAcquire()).isFalse();
        nanos.addAndGet(1_000_000);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.retryAfterSeconds()).isEqualTo(5);
    }

    @Test
    void zeroMeansUnlimited() {
        RateLimiter limiter = new RateLimiter(0, 0, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire()).isTrue();
        }
    }
}
