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
 */
public record GuardSettings(boolean dryRun, long maxDeletes, @Nullable Double maxDeletePercent, @Nullable Path protectFile,
        @Nullable GracePeriod deactivatedFor) {

    /** Guards without a grace period. */
    public GuardSettings(boolean dryRun, long maxDeletes, @Nullable Double maxDeletePercent, @Nullable Path protectFile) {
        this(dryRun, maxDeletes, maxDeletePercent, protectFile, null);
    }
}
