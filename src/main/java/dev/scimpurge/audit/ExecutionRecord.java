package dev.scimpurge.audit;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One job execution as {@code history} lists it.
 *
 * @param source   the CSV's file name and the first 12 hex digits of its SHA-256, or "deactivated"
 * @param counts   the rows this execution recorded, by outcome as stored (unknown outcomes included)
 */
public record ExecutionRecord(long jobExecutionId, long jobInstanceId, String provider, String target, String source,
        LocalDateTime start, LocalDateTime end, String status, Map<String, Long> counts, String reportPath) {

    public ExecutionRecord {
        counts = Map.copyOf(counts);
    }

    public long count(Outcome outcome) {
        return counts.getOrDefault(outcome.name(), 0L);
    }

    /** The outcomes this version does not know, lower-cased, by name. */
    public Map<String, Long> otherCounts() {
        Map<String, Long> others = new TreeMap<>();
        counts.forEach((outcome, count) -> {
            if (!Outcome.isKnown(outcome)) {
                others.put(outcome.toLowerCase(Locale.ROOT), count);
            }
        });
        return others;
    }
}
