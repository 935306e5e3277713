package dev.scimpurge.job.purge;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.provider.AccountRemoval;
import dev.scimpurge.provider.ErrorTranslation;
import dev.scimpurge.provider.RemovalRefusedException;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.throughput.RequestWorkers;

/**
 * The remove step's writer. For each chunk, on the step's thread, records every removal about to be sent
 * in the removal-attempt log (one transaction, committed before the first request leaves); then
 * the {@link RequestWorkers} re-read each user of a deactivated run and send its removal (with the
 * provider's {@link AccountRemoval}: a DELETE, a PATCH, its own endpoint), in parallel; then, on
 * the step's thread again, every row's outcome is recorded in the chunk's transaction, so outcomes
 * and the reader's restart position commit together. A row that the re-read settles (reactivated)
 * is logged as attempted but sent nothing; a restart reads it again.
 * <p>
 * 404 means "already gone" when this job instance had already sent a removal for that account (a
 * chunk interrupted after the request left, or a retry of a request whose answer was lost);
 * otherwise it is a failure, in the provider's words where its profile has a rule for it. A 5xx or
 * a lost answer is retried; a server that does not answer at all, and authorization errors, stop
 * the job: the chunk rolls back, and a restart picks the same rows up again.
 */
public class DeprovisionWriter implements ItemWriter<Candidate> {

    private final RemovalProcessor recheck;
    private final AccountRemoval removal;
    private final ErrorTranslation errors;
    private final String verb;
    private final RemovalAttemptLog attempts;
    private final OutcomeRepository outcomes;
    private final RequestWorkers workers;
    private final Retrying retrying;
    private final long jobInstanceId;
    private final long jobExecutionId;

    /** @param verb what a removal is called in outcomes: deleted, deactivated, removed */
    public DeprovisionWriter(RemovalProcessor recheck, AccountRemoval removal, ErrorTranslation errors, String verb,
            RemovalAttemptLog attempts, OutcomeRepository outcomes, RequestWorkers workers, Retrying retrying,
            long jobInstanceId, long jobExecutionId) {
        this.recheck = recheck;
        this.removal = removal;
        this.errors = errors;
        this.verb = verb;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.workers = workers;
        this.retrying = retrying;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends Candidate> chunk) {
        List<Candidate> candidates = List.copyOf(chunk.getItems());
        Set<String> sentBefore = attempts.sentAmong(jobInstanceId, candidates.stream().map(Candidate::accountId).toList());
        attempts.recordSending(jobInstanceId, jobExecutionId,
                candidates.stream().map(c -> new RemovalAttemptLog.Sending(c.seq(), c.accountId())).toList());
        List<ItemOutcome> results = workers.map(candidates, candidate -> {
            Resolution checked = recheck.process(candidate);
            return checked instanceof Resolution.Settled settled ? settled.outcome()
                    : remove(candidate, candidate.accountId(), sentBefore.contains(candidate.accountId()));
        });
        outcomes.record(jobInstanceId, jobExecutionId, results);
    }

    private ItemOutcome remove(Candidate candidate, String accountId, boolean sentBefore) {
        int[] sent = {0};
        try {
            int status = retrying.call(attempt -> {
                sent[0] = attempt;
                return removal.remove(accountId);
            }, error -> errors.translate(error.status(), error.detail()).isPresent());
            return outcome(candidate, accountId, Outcome.DELETED, Reasons.REMOVED, status, verb);
        } catch (RemovalRefusedException e) {
            return outcome(candidate, accountId, Outcome.FAILED, e.reason(), e.httpStatus(), e.getMessage());
        } catch (ScimErrorResponseException e) {
            return refused(candidate, accountId, e.status(), e.detail(), sentBefore || sent[0] > 1);
        } catch (IsolatedTransportFailureException e) {
            return outcome(candidate, accountId, Outcome.FAILED, Reasons.NO_ANSWER, null,
                    "no answer to the removal, which may have happened; check the account (" + e.getMessage() + ")");
        }
    }

    /** The outcome of an error answer to a removal. */
    ItemOutcome refused(Candidate candidate, String accountId, int status, String detail, boolean sentBefore) {
        if (status == 404 && sentBefore) {
            return outcome(candidate, accountId, Outcome.ALREADY_GONE, Reasons.REMOVED_BEFORE_RESTART, 404,
                    "already gone: this job had sent its removal before (interrupted, or its answer was lost)");
        }
        Optional<ErrorTranslation.Translated> translated = errors.translate(status, detail);
        if (translated.isPresent()) {
            ErrorTranslation.Translated t = translated.get();
            return outcome(candidate, accountId, t.outcome(), t.reason(), status, t.message());
        }
        if (status == 404) {
            return outcome(candidate, accountId, Outcome.NOT_FOUND, Reasons.NOT_FOUND_ON_REMOVAL, 404, "not found: " + detail);
        }
        return outcome(candidate, accountId, Outcome.FAILED, Reasons.SERVER_REJECTED, status, detail);
    }

    static ItemOutcome outcome(Candidate c, String accountId, Outcome outcome, String reason, Integer status, String message) {
        return new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), accountId, outcome, reason, status, message);
    }
}
