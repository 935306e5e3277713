package dev.scimpurge.job.collect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeRepository;

/**
 * Where a {@link CandidateSource} puts what it reads: rows to act on become candidates, rows that
 * cannot be acted on become recorded failures at once. Every row gets the next sequence number,
 * so the sequence numbers of candidates and outcomes together cover the input without gaps.
 */
public final class CollectedRows {

    private static final int BATCH = 1000;

    private final CandidateTable candidates;
    private final OutcomeRepository outcomes;
    private final long jobInstanceId;
    private final long jobExecutionId;
    private final List<Candidate> pendingCandidates = new ArrayList<>();
    private final List<ItemOutcome> pendingRejections = new ArrayList<>();
    private long seq;
    private long accepted;
    private long rejected;

    public CollectedRows(CandidateTable candidates, OutcomeRepository outcomes, long jobInstanceId, long jobExecutionId) {
        this.candidates = candidates;
        this.outcomes = outcomes;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
    }

    /**
     * A row to act on. {@code matchKey} identifies duplicates; {@code accountId} is null when it must be looked up;
     * {@code accountNames} are the account's addresses and userName where the source read them (a listing).
     */
    public void accept(@Nullable Long lineNo, String inputValue, String matchKey, @Nullable String accountId, List<String> accountNames) {
        accept(lineNo, inputValue, matchKey, accountId, accountNames, null);
    }

    /** A row to act on, with the user's {@code meta.lastModified} as listed (null: not sent). */
    public void accept(@Nullable Long lineNo, String inputValue, String matchKey, @Nullable String accountId, List<String> accountNames,
            @Nullable Instant lastModified) {
        accept(lineNo, inputValue, matchKey, accountId, accountNames, lastModified, null);
    }

    /** A row to act on, with the user's {@code meta.lastModified} and {@code active} as read (null: not sent). */
    public void accept(@Nullable Long lineNo, String inputValue, String matchKey, @Nullable String accountId, List<String> accountNames,
            @Nullable Instant lastModified, @Nullable Boolean active) {
        pendingCandidates.add(new Candidate(++seq, lineNo, inputValue, matchKey, accountId, accountNames, lastModified, active));
        accepted++;
        if (pendingCandidates.size() >= BATCH) {
            flush();
        }
    }

    /** A row that cannot be acted on, recorded as failed with its reason. */
    public void reject(@Nullable Long lineNo, String inputValue, String reason, String message) {
        settle(lineNo, inputValue, null, Outcome.FAILED, reason, message);
    }

    /** A row settled as it is read, with no request sent for it: rejected (failed), or listed but left alone. */
    public void settle(@Nullable Long lineNo, String inputValue, @Nullable String accountId, Outcome outcome, String reason, String message) {
        pendingRejections.add(new ItemOutcome(++seq, lineNo, inputValue, accountId, outcome, reason, null, message));
        rejected++;
        if (pendingRejections.size() >= BATCH) {
            flush();
        }
    }

    public void flush() {
        candidates.insert(jobInstanceId, pendingCandidates);
        pendingCandidates.clear();
        outcomes.record(jobInstanceId, jobExecutionId, pendingRejections);
        pendingRejections.clear();
    }

    public long jobInstanceId() {
        return jobInstanceId;
    }

    public long jobExecutionId() {
        return jobExecutionId;
    }

    public long accepted() {
        return accepted;
    }

    /** The rows settled as they were read ({@link #reject}, {@link #settle}). */
    public long rejected() {
        return rejected;
    }
}
