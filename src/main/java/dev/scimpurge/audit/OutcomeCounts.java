package dev.scimpurge.audit;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many rows ended in each outcome. {@code unknown} holds the outcomes this version does not
 * know (a newer version wrote them), by lower-case name: they are counted, never an error.
 */
public record OutcomeCounts(Map<Outcome, Long> byOutcome, Map<String, Long> unknown) {

    public OutcomeCounts {
        EnumMap<Outcome, Long> copy = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            copy.put(outcome, byOutcome.getOrDefault(outcome, 0L));
        }
        byOutcome = Map.copyOf(copy);
        unknown = Map.copyOf(unknown);
    }

    /** From the counts by OUTCOME as stored, as a GROUP BY returns them. */
    public static OutcomeCounts ofStored(Map<String, Long> stored) {
        Map<Outcome, Long> known = new EnumMap<>(Outcome.class);
        Map<String, Long> unknown = new TreeMap<>();
        stored.forEach((name, count) -> {
            if (Outcome.isKnown(name)) {
                known.put(Outcome.valueOf(name), count);
            } else {
                unknown.merge(name.toLowerCase(Locale.ROOT), count, Long::sum);
            }
        });
        return new OutcomeCounts(known, unknown);
    }

    public long get(Outcome outcome) {
        return byOutcome.getOrDefault(outcome, 0L);
    }

    /** Every row, those with an unknown outcome included. */
    public long total() {
        return byOutcome.values().stream().mapToLong(Long::longValue).sum() + unknown.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The rows that belong in the failure report; an unknown outcome is not among them (the report lists known ones only). */
    public long reported() {
        return byOutcome.entrySet().stream().filter(e -> e.getKey().isReported()).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * The outcomes other than {@code shown} that some row ended in, by lower-case name: the known
     * ones in their declared order, then the unknown ones.
     */
    public Map<String, Long> besides(Collection<Outcome> shown) {
        Map<String, Long> others = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            if (!shown.contains(outcome) && get(outcome) > 0) {
                others.put(outcome.name().toLowerCase(Locale.ROOT), get(outcome));
            }
        }
        unknown.forEach((name, count) -> others.merge(name, count, Long::sum));
        return others;
    }
}
