package dev.scimpurge.job.purge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import dev.scimpurge.scim.ScimErrorResponseException;

/**
 * Removes each resolved account (with the provider's {@link AccountRemoval}: a DELETE, a PATCH,
 * its own endpoint) and records every row's outcome in the chunk's transaction, so outcomes and
 * the reader's restart position commit together.
 * <p>
 * 404 means "already gone" only when this job instance had already sent a removal for that
 * account (the chunk was interrupted after the request left); otherwise it is a failure, in the
 * provider's words where its profile has a rule for it. Authorization and transport errors are
 * not caught: they stop the job, the chunk rolls back, and a restart picks the same rows up again.
 */
public class DeprovisionWriter implements ItemWriter<Resolution> {

    private final AccountRemoval removal;
    private final ErrorTranslation errors;
    private final String verb;
    private final RemovalAttemptLog attempts;
    private final OutcomeRepository outcomes;
    private final long jobInstanceId;
    private final long jobExecutionId;

    /** @param verb what a removal is called in outcomes: deleted, deactivated, removed */
    public DeprovisionWriter(AccountRemoval removal, ErrorTranslation errors, String verb, RemovalAttemptLog attempts,
            OutcomeRepository outcomes, long jobInstanceId, long jobExecutionId) {
        this.removal = removal;
        this.errors = errors;
        this.verb = verb;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends Resolution> chunk) {
        List<ItemOutcome> results = new ArrayList<>(chunk.size());
        for (Resolution resolution : chunk) {
            if (resolution instanceof Resolution.Settled settled) {
                results.add(settled.outcome());
            } else if (resolution instanceof Resolution.Resolved resolved) {
                results.add(remove(resolved.candidate(), resolved.accountId()));
            }
        }
        outcomes.record(jobInstanceId, jobExecutionId, results);
    }

    private ItemOutcome remove(Candidate candidate, String accountId) {
        boolean sentBefore = attempts.wasSent(jobInstanceId, accountId);
        attempts.recordSending(jobInstanceId, jobExecutionId, candidate.seq(), accountId);
        try {
            int status = removal.remove(accountId);
            return outcome(candidate, accountId, Outcome.DELETED, Reasons.REMOVED, status, verb);
        } catch (RemovalRefusedException e) {
            return outcome(candidate, accountId, Outcome.FAILED, e.reason(), e.httpStatus(), e.getMessage());
        } catch (ScimErrorResponseException e) {
            if (e.status() == 404 && sentBefore) {
                return outcome(candidate, accountId, Outcome.ALREADY_GONE, Reasons.REMOVED_BEFORE_RESTART, 404,
                        "already gone: this job sent its removal before it was interrupted");
            }
            Optional<ErrorTranslation.Translated> translated = errors.translate(e.status(), e.detail());
            if (translated.isPresent()) {
                ErrorTranslation.Translated t = translated.get();
                return outcome(candidate, accountId, t.outcome(), t.reason(), e.status(), t.message());
            }
            if (e.status() == 404) {
                return outcome(candidate, accountId, Outcome.NOT_FOUND, Reasons.NOT_FOUND_ON_REMOVAL, 404, "not found: " + e.detail());
            }
            return outcome(candidate, accountId, Outcome.FAILED, Reasons.SERVER_REJECTED, e.status(), e.detail());
        }
    }

    private static ItemOutcome outcome(Candidate c, String accountId, Outcome outcome, String reason, Integer status, String message) {
        return new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), accountId, outcome, reason, status, message);
    }
}
