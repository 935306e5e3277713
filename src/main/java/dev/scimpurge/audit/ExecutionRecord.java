package dev.scimpurge.audit;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One job execution as {@code history} lists it.
 *
 * @param source   the CSV's file name and the first 12 hex digits of its SHA-256, or "deactivated"
 * @param counts   the rows this execution recorded, by outcome (unknown outcomes included)
 */
public record ExecutionRecord(long jobExecutionId, long jobInstanceId, String provider, @Nullable String target,
        @Nullable String source, @Nullable LocalDateTime start, @Nullable LocalDateTime end, String status, OutcomeCounts counts,
        @Nullable String reportPath) {
}
