package dev.scimpurge.job.guard;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The guards of a run.
 *
 * @param dryRun            plan only: collect and resolve, send nothing that changes the service
 * @param maxDeletes        refuse when more removals are planned than this
 * @param maxDeletePercent  refuse when the planned removals exceed this share of the directory (null: no such limit)
 * @param protectFile       accounts never to touch (null: none)
 * @param deactivatedFor    a {@code --deactivated} run removes only users provably deactivated this long (null: no grace period)
 * @param keepOnlyMinMatch  a keep-only run is refused when its list matches less than this percentage of the directory
 * @param history           the limits that compare the run with the earlier completed runs of its target
 */
public record GuardSettings(boolean dryRun, long maxDeletes, @Nullable Double maxDeletePercent, @Nullable Path protectFile,
        @Nullable GracePeriod deactivatedFor, double keepOnlyMinMatch, HistoryLimits history) {

    public static final double DEFAULT_KEEP_ONLY_MIN_MATCH = 50;

    /** Guards with the history limits' defaults. */
    public GuardSettings(boolean dryRun, long maxDeletes, @Nullable Double maxDeletePercent, @Nullable Path protectFile,
            @Nullable GracePeriod deactivatedFor, double keepOnlyMinMatch) {
        this(dryRun, maxDeletes, maxDeletePercent, protectFile, deactivatedFor, keepOnlyMinMatch, HistoryLimits.DEFAULTS);
    }

    /** Guards without a grace period. */
    public GuardSettings(boolean dryRun, long maxDeletes, @Nullable Double maxDeletePercent, @Nullable Path protectFile) {
        this(dryRun, maxDeletes, maxDeletePercent, protectFile, null);
    }

    /** Guards of a run that is not a keep-only one. */
    public GuardSettings(boolean dryRun, long maxDeletes, @Nullable Double maxDeletePercent, @Nullable Path protectFile,
            @Nullable GracePeriod deactivatedFor) {
        this(dryRun, maxDeletes, maxDeletePercent, protectFile, deactivatedFor, DEFAULT_KEEP_ONLY_MIN_MATCH);
    }
}
