package dev.scimpurge.job.guard;

import java.nio.file.Path;

/**
 * The guards of a run.
 *
 * @param dryRun            plan only: collect and resolve, send nothing that changes the service
 * @param maxDeletes        refuse when more removals are planned than this
 * @param maxDeletePercent  refuse when the planned removals exceed this share of the directory (null: no such limit)
 * @param protectFile       accounts never to touch (null: none)
 * @param keepOnlyMinMatch  a keep-only run is refused when its list matches less than this percentage of the directory
 */
public record GuardSettings(boolean dryRun, long maxDeletes, Double maxDeletePercent, Path protectFile, double keepOnlyMinMatch) {

    public static final double DEFAULT_KEEP_ONLY_MIN_MATCH = 50;
}
