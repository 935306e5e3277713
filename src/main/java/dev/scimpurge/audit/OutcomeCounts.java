package dev.scimpurge.audit;

import java.util.EnumMap;
import java.util.Map;

/** How many rows of a job instance ended in each outcome. */
public record OutcomeCounts(Map<Outcome, Long> byOutcome) {

    public OutcomeCounts {
        EnumMap<Outcome, Long> copy = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            copy.put(outcome, byOutcome.getOrDefault(outcome, 0L));
        }
        byOutcome = Map.copyOf(copy);
    }

    public long get(Outcome outcome) {
        return byOutcome.get(outcome);
    }

    public long total() {
        return byOutcome.values().stream().mapToLong(Long::longValue).sum();
    }

    public long reported() {
        return byOutcome.entrySet().stream().filter(e -> e.getKey().isReported()).mapToLong(Map.Entry::getValue).sum();
    }
}
