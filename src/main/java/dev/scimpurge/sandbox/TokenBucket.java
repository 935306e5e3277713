package dev.scimpurge.sandbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Admits {@code burst} requests at once and refills at {@code perMinute}, starting full. Thread-safe. */
final class TokenBucket {

    private final DeleteRateLimit limit;
    private final LongSupplier nanoClock;
    private final double nanosPerToken;
    private double tokens;
    private long lastRefill;

    TokenBucket(DeleteRateLimit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.nanosPerToken = limit.isOff() ? 0 : (double) TimeUnit.MINUTES.toNanos(1) / limit.perMinute();
        this.tokens = limit.burst();
        this.lastRefill = nanoClock.getAsLong();
    }

    /** @return zero when a token was taken; otherwise how long until one is available (nothing is taken then) */
    synchronized Duration take() {
        if (limit.isOff()) {
            return Duration.ZERO;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(limit.burst(), tokens + (now - lastRefill) / nanosPerToken);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
    }
}
