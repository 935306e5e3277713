package dev.scimpurge.job.lookup;

import java.util.List;

/**
 * How a run looks addresses up, and why.
 *
 * @param filters the filter attributes to use, in order (only with {@link LookupMode#FILTER}; proven ones when the probe could prove any)
 * @param reason  one sentence for the log and the job database
 * @param warning whether the reason needs the operator's attention (a broken filter, a lookup that could not be proven)
 */
public record LookupDecision(LookupMode mode, List<String> filters, String reason, boolean warning) {

    public LookupDecision {
        filters = List.copyOf(filters);
    }
}
