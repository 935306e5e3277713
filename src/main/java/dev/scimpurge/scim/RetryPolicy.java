package dev.scimpurge.scim;

import java.time.Duration;

/**
 * How a request that failed for a reason that may pass is sent again: up to {@code maxAttempts}
 * in all, after an exponential backoff with full jitter (a random pause up to
 * {@code firstBackoff * 2^(attempt-1)}, at most {@code longestBackoff}), so that parallel workers
 * do not retry in lockstep.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration longestBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
    }

    Duration longestPauseBefore(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(20, attempt - 2);
        return Duration.ofMillis(Math.min(longestBackoff.toMillis(), millis));
    }
}
