package dev.scimpurge.scim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pause a server asked for with 429 or 503 and {@code Retry-After} (seconds or an HTTP date).
 * Shared by every request of the client, so that all of them wait, not only the one that was told.
 */
public final class RetryAfter {

    private final Clock clock;
    private final Duration longestPause;
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

    public RetryAfter(Clock clock, Duration longestPause) {
        this.clock = clock;
        this.longestPause = longestPause;
    }

    /** Records the server's request; returns the pause, or empty when the header makes no sense. */
    public Optional<Duration> pauseFor(String headerValue) {
        Optional<Duration> pause = parse(headerValue, clock.instant());
        pause.map(p -> p.compareTo(longestPause) > 0 ? longestPause : p)
                .ifPresent(p -> pausedUntil.accumulateAndGet(clock.instant().plus(p), (a, b) -> a.isAfter(b) ? a : b));
        return pause;
    }

    /** Blocks while a pause is in force. */
    public void awaitPermission() throws InterruptedException {
        while (true) {
            Duration wait = Duration.between(clock.instant(), pausedUntil.get());
            if (wait.isNegative() || wait.isZero()) {
                return;
            }
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
    }

    static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
