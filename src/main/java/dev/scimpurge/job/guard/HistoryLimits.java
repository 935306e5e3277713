package dev.scimpurge.job.guard;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The guards that compare a run with the earlier completed runs of the same target and kind (a directory that
 * suddenly lists nobody, an identity provider that deactivates everyone): null turns one off. None of them refuses a
 * run that plans {@link #FLOOR} removals or fewer.
 *
 * @param maxGrowth        refuse when the planned removals exceed this many times the median of the last completed runs
 *                         ({@code --max-growth}); applies once there are {@link #MIN_RUNS} of them
 * @param maxShrinkPercent refuse when the directory has this percentage fewer users than at the previous completed run
 *                         ({@code --max-shrink-percent})
 * @param maxJumpPercent   refuse when a {@code --deactivated} run lists this percentage more deactivated users than the
 *                         previous completed one ({@code --max-jump-percent})
 */
public record HistoryLimits(@Nullable Double maxGrowth, @Nullable Double maxShrinkPercent, @Nullable Double maxJumpPercent) {

    /** Runs planning this many removals or fewer are never refused by a history guard. */
    public static final long FLOOR = 10;
    /** The growth guard applies once the target has this many earlier completed runs (of the same kind). */
    public static final int MIN_RUNS = 5;
    /** The growth guard takes the median of at most this many of the latest completed runs. */
    public static final int RUNS = 10;

    public static final double DEFAULT_MAX_GROWTH = 3;
    public static final double DEFAULT_MAX_SHRINK_PERCENT = 50;
    public static final double DEFAULT_MAX_JUMP_PERCENT = 200;
    public static final HistoryLimits DEFAULTS = new HistoryLimits(DEFAULT_MAX_GROWTH, DEFAULT_MAX_SHRINK_PERCENT, DEFAULT_MAX_JUMP_PERCENT);
    public static final HistoryLimits NONE = new HistoryLimits(null, null, null);

    /**
     * A limit as the option takes it: a number, or {@code none} for no such limit.
     *
     * @throws IllegalArgumentException for anything else, or a negative number
     */
    public static @Nullable Double parse(String option, String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("none")) {
            return null;
        }
        try {
            double limit = Double.parseDouble(value);
            if (limit >= 0 && Double.isFinite(limit)) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + ": '" + text + "' is not a limit: give a number of 0 or more, or none");
    }

    /** A limit as the option takes it: {@code 3}, {@code 2.5}, {@code none}. */
    public static String format(@Nullable Double limit) {
        if (limit == null) {
            return "none";
        }
        return limit == Math.rint(limit) ? String.valueOf(limit.longValue()) : String.valueOf(limit);
    }
}
