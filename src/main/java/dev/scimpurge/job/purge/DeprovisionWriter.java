package dev.scimpurge.job.purge;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.throughput.RequestWorkers;

/**
 * The remove step's writer. For each chunk, on the step's thread, confirms that this run still holds its target's
 * lock (one that was taken over, its run counted as gone, sends nothing more); records every removal about to be sent
 * in the removal-attempt log (one transaction, committed before the first request leaves); then the
 * {@link ChunkRemoval} chosen for the execution re-reads each user of a deactivated run and sends the removals
 * on the {@link RequestWorkers}, in parallel: one request per user ({@link PerUserRemoval}) or SCIM Bulk requests
 * ({@link BulkRemoval}); then, on the step's thread again, every row's outcome is recorded in the chunk's
 * transaction, so outcomes and the reader's restart position commit together. A row that the re-read settles
 * (reactivated) is logged as attempted but sent nothing; a restart reads it again.
 * <p>
 * A server that does not answer at all, and authorization errors, stop the job: the chunk rolls back, and a restart
 * picks the same rows up again, where a 404 for a removal already sent is "already gone" ({@link RemovalOutcomes}).
 * The removals such a chunk never sent (held back once the server was known to be down) are withdrawn from the log.
 */
public class DeprovisionWriter implements ItemWriter<Candidate> {

    private final Supplier<ChunkRemoval> choice;
    private final LeaseCheck lease;
    private final RemovalAttemptLog attempts;
    private final OutcomeRepository outcomes;
    private final long jobInstanceId;
    private final long jobExecutionId;
    private @Nullable ChunkRemoval removal;

    /**
     * @param choice asked once, before the first chunk's removals are logged as sent: see {@link RemovalModeChoice}
     * @param lease  confirmed before each chunk's removals are logged as sent
     */
    public DeprovisionWriter(Supplier<ChunkRemoval> choice, LeaseCheck lease, RemovalAttemptLog attempts, OutcomeRepository outcomes,
            long jobInstanceId, long jobExecutionId) {
        this.choice = choice;
        this.lease = lease;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends Candidate> chunk) {
        lease.confirmHeld();
        if (removal == null) {
            removal = choice.get();
        }
        List<Candidate> candidates = List.copyOf(chunk.getItems());
        Set<String> sentBefore = attempts.sentAmong(jobInstanceId, candidates.stream().map(Candidate::accountId).toList());
        attempts.recordSending(jobInstanceId, jobExecutionId,
                candidates.stream().map(c -> new RemovalAttemptLog.Sending(c.seq(), Objects.requireNonNull(c.accountId()))).toList());
        Set<Long> unsent = ConcurrentHashMap.newKeySet();
        List<ItemOutcome> results;
        try {
            results = removal.remove(candidates, sentBefore, unsent);
        } catch (RuntimeException e) {
            withdrawUnsent(candidates, sentBefore, unsent, e);
            throw e;
        }
        outcomes.record(jobInstanceId, jobExecutionId, results);
    }

    /**
     * The chunk failed (the server went down, say): the removals it logged but never sent leave the log again, so that a
     * restart takes a 404 for them as "not found", not "already gone". What an earlier execution sent stays logged.
     */
    private void withdrawUnsent(List<Candidate> candidates, Set<String> sentBefore, Set<Long> unsent, RuntimeException failure) {
        List<Long> neverSent = candidates.stream()
                .filter(c -> unsent.contains(c.seq()) && !sentBefore.contains(c.accountId()))
                .map(Candidate::seq)
                .toList();
        try {
            attempts.withdraw(jobInstanceId, jobExecutionId, neverSent);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
