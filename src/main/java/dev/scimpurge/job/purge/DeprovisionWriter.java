package dev.scimpurge.job.purge;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;

/**
 * Removes each resolved account ({@code DELETE /Users/{id}}) and records every row's outcome in
 * the chunk's transaction, so outcomes and the reader's restart position commit together.
 * <p>
 * 404 means "already gone" only when this job instance had already sent a removal for that
 * account (the chunk was interrupted after the request left); otherwise it is a failure.
 * Authorization and transport errors are not caught: they stop the job, the chunk rolls back,
 * and a restart picks the same rows up again.
 */
public class DeprovisionWriter implements ItemWriter<Resolution> {

    private final ScimClient client;
    private final RemovalAttemptLog attempts;
    private final OutcomeRepository outcomes;
    private final long jobInstanceId;
    private final long jobExecutionId;

    public DeprovisionWriter(ScimClient client, RemovalAttemptLog attempts, OutcomeRepository outcomes,
            long jobInstanceId, long jobExecutionId) {
        this.client = client;
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
            int status = client.deleteUser(accountId);
            return outcome(candidate, accountId, Outcome.DELETED, Reasons.REMOVED, status, "deleted");
        } catch (ScimErrorResponseException e) {
            if (e.status() == 404 && sentBefore) {
                return outcome(candidate, accountId, Outcome.ALREADY_GONE, Reasons.REMOVED_BEFORE_RESTART, 404,
                        "already gone: this job sent its removal before it was interrupted");
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
