package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong(5_000);

    @Test
    void admitsTheBurstThenOneTokenPerRefillInterval() {
        TokenBucket bucket = new TokenBucket(new DeleteRateLimit(60, 3), nanos::get);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take()).as("take " + i).isZero();
        }
        assertThat(bucket.take()).isEqualTo(Duration.ofSeconds(1));

        nanos.addAndGet(Duration.ofMillis(400).toNanos());
        assertThat(bucket.take()).isEqualTo(Duration.ofMillis(600));

        nanos.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refillsNoFurtherThanTheBurst() {
        TokenBucket bucket = new TokenBucket(new DeleteRateLimit(600, 2), nanos::get);
        nanos.addAndGet(Duration.ofMinutes(10).toNanos());
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isPositive();
    }

    @Test
    void offAdmitsEverything() {
        TokenBucket bucket = new TokenBucket(new DeleteRateLimit(0, 0), nanos::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(bucket.take()).isZero();
        }
    }
}
