package dev.scimpurge.report;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeCounts;

/**
 * The end-of-run figures of one job instance. {@code read} counts every input row;
 * {@code pending} the rows without an outcome yet (a run that did not finish). Every row is in
 * exactly one of the outcome counts or in pending, so they add up to {@code read}.
 */
public record RunSummary(long jobExecutionId, String status, long read, OutcomeCounts counts, long pending,
        Duration elapsed, @Nullable Path report) {

    public long deleted() {
        return counts.get(Outcome.DELETED);
    }

    public long alreadyGone() {
        return counts.get(Outcome.ALREADY_GONE);
    }

    public long duplicates() {
        return counts.get(Outcome.DUPLICATE);
    }

    public long notFound() {
        return counts.get(Outcome.NOT_FOUND);
    }

    public long failed() {
        return counts.get(Outcome.FAILED);
    }

    public boolean addsUp() {
        return counts.total() + pending == read;
    }
}
