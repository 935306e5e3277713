package dev.scimpurge.sandbox;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Admits at most {@code requestsPerSecond} requests per one-second window; the window opens with the first request
 * after the previous one expired. Thread-safe.
 */
final class RateLimiter {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int requestsPerSecond;
    private final int retryAfterSeconds;
    private final LongSupplier nanoClock;
    private boolean windowOpen;
    private long windowStart;
    private int admittedInWindow;

    RateLimiter(int requestsPerSecond, int retryAfterSeconds, LongSupplier nanoClock) {
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0, was " + requestsPerSecond);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 0, was " + retryAfterSeconds);
        }
        this.requestsPerSecond = requestsPerSecond;
        this.retryAfterSeconds = retryAfterSeconds;
        this.nanoClock = nanoClock;
    }

    static RateLimiter unlimited() {
        return new RateLimiter(0, 0, System::nanoTime);
    }

    /** @return whether the request may proceed; always true when the limit is 0 (off) */
    synchronized boolean tryAcquire() {
        if (requestsPerSecond == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (!windowOpen || now - windowStart >= WINDOW_NANOS) {
            windowOpen = true;
            windowStart = now;
            admittedInWindow = 0;
        }
        if (admittedInWindow < requestsPerSecond) {
            admittedInWindow++;
            return true;
        }
        return false;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
