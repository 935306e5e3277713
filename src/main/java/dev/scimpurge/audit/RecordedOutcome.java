package dev.scimpurge.audit;

import java.time.Instant;

/** An outcome as stored: which execution recorded it, and when. */
public record RecordedOutcome(long jobExecutionId, ItemOutcome item, Instant recordedAt) {
}
