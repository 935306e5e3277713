package dev.scimpurge.audit;

import java.nio.file.Path;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One job execution as {@code history} lists it.
 *
 * @param source   the CSV's file name and the first 12 hex digits of its SHA-256, or "deactivated"
 * @param counts   the rows this execution recorded, by outcome (unknown outcomes included)
 * @param lookup   how it looked addresses up ({@code filter}, {@code directory}, {@code none}), with the filters it used
 *                 and why; null where the execution never got to choose (or ran before it was recorded)
 * @param plan     the plan an execution of an {@code --apply-plan} run applied; null for other runs
 */
public record ExecutionRecord(long jobExecutionId, long jobInstanceId, String provider, @Nullable String target,
        @Nullable String source, @Nullable LocalDateTime start, @Nullable LocalDateTime end, String status, OutcomeCounts counts,
        @Nullable String reportPath, @Nullable Lookup lookup, @Nullable Plan plan) {

    /** The plan applied: its digest ({@code sha256:<hex>}) and file. */
    public record Plan(String digest, String file) {

        /** The digest's first 12 hex digits and the file's name, as the history table shows it. */
        public String describe() {
            String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
            Path name = Path.of(file).getFileName();
            return hex.substring(0, Math.min(12, hex.length())) + " " + (name == null ? file : name.toString());
        }
    }

    /** The lookup an execution chose, as {@code PURGE_EXECUTION} keeps it: see {@code job.lookup.LookupChoice}. */
    public record Lookup(String mode, @Nullable String filters, @Nullable String reason) {
    }
}
