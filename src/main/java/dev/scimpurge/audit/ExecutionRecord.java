package dev.scimpurge.audit;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One job execution as {@code history} lists it.
 *
 * @param source   the CSV's file name and the first 12 hex digits of its SHA-256, or "deactivated"
 * @param counts   the rows this execution recorded, by outcome (unknown outcomes included)
 * @param lookup   how it looked addresses up ({@code filter}, {@code directory}, {@code none}), with the filters it used
 *                 and why; null where the execution never got to choose (or ran before it was recorded)
 */
public record ExecutionRecord(long jobExecutionId, long jobInstanceId, String provider, @Nullable String target,
        @Nullable String source, @Nullable LocalDateTime start, @Nullable LocalDateTime end, String status, OutcomeCounts counts,
        @Nullable String reportPath, @Nullable Lookup lookup) {

    /** The lookup an execution chose, as {@code PURGE_EXECUTION} keeps it: see {@code job.lookup.LookupChoice}. */
    public record Lookup(String mode, @Nullable String filters, @Nullable String reason) {
    }
}
