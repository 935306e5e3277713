package dev.scimpurge.job.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * {@code --deactivated-for}: how long a user must provably have been deactivated before a {@code --deactivated} run
 * removes it.
 */
public record GracePeriod(Duration length) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([dhm])");

    public GracePeriod {
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a grace period must be longer than zero");
        }
    }

    /**
     * {@code 30d}, {@code 12h}, {@code 90m}; {@code none} (or {@code 0}) for no grace period, which is null.
     *
     * @throws IllegalArgumentException for anything else, saying what is accepted
     */
    public static @Nullable GracePeriod parse(String text) {
        Duration length = parseLength(text, "no grace period");
        return length == null ? null : new GracePeriod(length);
    }

    /**
     * A duration as the options take it: {@code 30d}, {@code 12h}, {@code 90m}; {@code none} (or {@code 0}) is null.
     *
     * @param none what {@code none} means, for the message
     * @throws IllegalArgumentException for anything else, saying what is accepted
     */
    public static @Nullable Duration parseLength(String text, String none) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("none") || value.equals("0")) {
            return null;
        }
        Matcher m = FORM.matcher(value);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: give days, hours or minutes, e.g. 30d, 12h or 90m"
                    + " (none for " + none + ")");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** When a user last modified (or first seen deactivated) at {@code since} becomes eligible. */
    public Instant eligibleFrom(Instant since) {
        return since.plus(length);
    }

    /** As the option takes it: {@code 30d}, {@code 12h}, {@code 90m}. */
    @Override
    public String toString() {
        if (length.toMinutes() % (24 * 60) == 0) {
            return length.toDays() + "d";
        }
        return length.toMinutes() % 60 == 0 ? length.toHours() + "h" : length.toMinutes() + "m";
    }
}
