package dev.scimpurge.job.purge;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionTemplate;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.throughput.RequestWorkers;

/**
 * The remove step's writer. For each chunk, on the step's thread, confirms that this run still holds its target's
 * lock (one that was taken over, its run counted as gone, sends nothing more); records every removal about to be sent
 * in the removal-attempt log (one transaction, committed before the first request leaves); then hands the chunk to the
 * {@link RemovalPipeline}, where the {@link ChunkRemoval} chosen for the execution re-reads each user of a deactivated
 * run and sends the removals on the {@link RequestWorkers}, in parallel: one request per user
 * ({@link PerUserRemoval}) or SCIM Bulk requests ({@link BulkRemoval}). The chunk's first round (one row per worker)
 * goes at once; the writer then waits for the chunk before it, records that one's outcomes in a transaction of their
 * own, and hands over the rest. So the workers do not wait for a chunk's slowest request and its commits, and the
 * chunk's transaction commits only the reader's position, which stays before the chunk still under way. The last
 * chunk, a chunk that may not overlap the next ({@link ChunkRemoval#mayOverlap}), and every chunk under a
 * {@code --rate} (where the pace, not the wait, bounds the phase, and a stop waits for one chunk at most) are sent
 * whole and waited for in their own write. A row that the re-read settles (reactivated) is logged as attempted but
 * sent nothing; a restart reads it again.
 * <p>
 * A stop or SIGTERM ends the step at a chunk's commit; {@link #afterStep} then waits for the chunk still under way
 * and records its outcomes, so a stopped run leaves no removal it sent without its outcome, and whole chunks only.
 * <p>
 * A server that does not answer at all, and authorization errors, stop the job: the failed chunk's outcomes are not
 * recorded, the rows not sent yet are held back, and a restart picks the rows without outcome up again, where a 404
 * for a removal already sent is "already gone" ({@link RemovalOutcomes}). The removals a failed chunk never sent
 * (held back once the server was known to be down, or the run was ending) are withdrawn from the log. A lost lease
 * records nothing more: the run that took the target over does.
 */
public class DeprovisionWriter implements ItemWriter<Candidate>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(DeprovisionWriter.class);

    private final Supplier<ChunkRemoval> choice;
    private final LeaseCheck lease;
    private final RemovalAttemptLog attempts;
    private final OutcomeRepository outcomes;
    private final RemovalPipeline pipeline;
    private final Sequence sequence;
    private final long jobInstanceId;
    private final long jobExecutionId;
    private @Nullable ChunkRemoval removal;

    /**
     * How the chunks follow one another.
     *
     * @param outcomeTransaction records a chunk's outcomes in a transaction of their own
     * @param moreToRead         whether the reader has rows after the chunk being written
     * @param overlap            whether chunks may overlap at all: not under a {@code --rate}
     * @param firstRound         how many of a chunk's rows go out before the chunk before it is recorded: one per worker
     */
    public record Sequence(TransactionTemplate outcomeTransaction, BooleanSupplier moreToRead, boolean overlap, int firstRound) {
    }

    /**
     * @param choice asked once, before the first chunk's removals are logged as sent: see {@link RemovalModeChoice}
     * @param lease  confirmed before each chunk's removals are logged as sent
     */
    public DeprovisionWriter(Supplier<ChunkRemoval> choice, LeaseCheck lease, RemovalAttemptLog attempts, OutcomeRepository outcomes,
            RemovalPipeline pipeline, Sequence sequence, long jobInstanceId, long jobExecutionId) {
        this.choice = choice;
        this.lease = lease;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.pipeline = pipeline;
        this.sequence = sequence;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends Candidate> chunk) {
        try {
            lease.confirmHeld();
        } catch (RuntimeException e) {
            throw endOn(e, false);
        }
        try {
            if (removal == null) {
                removal = choice.get();
            }
            ChunkRemoval chosen = removal;
            List<Candidate> candidates = List.copyOf(chunk.getItems());
            Set<String> sentBefore = attempts.sentAmong(jobInstanceId, candidates.stream().map(Candidate::accountId).toList());
            attempts.recordSending(jobInstanceId, jobExecutionId,
                    candidates.stream().map(c -> new RemovalAttemptLog.Sending(c.seq(), Objects.requireNonNull(c.accountId()))).toList());
            Set<Long> unsent = ConcurrentHashMap.newKeySet();
            Function<List<Candidate>, List<ItemOutcome>> removals = part -> chosen.remove(part, sentBefore, unsent);
            if (sequence.overlap() && chosen.mayOverlap() && sequence.moreToRead().getAsBoolean()) {
                int firstRound = Math.min(sequence.firstRound(), candidates.size());
                RemovalPipeline.UnderWay next = pipeline.send(candidates, sentBefore, unsent, candidates.subList(0, firstRound), removals);
                recordUntil(1);
                pipeline.sendMore(next, candidates.subList(firstRound, candidates.size()), removals);
            } else {
                pipeline.send(candidates, sentBefore, unsent, candidates, removals);
                recordUntil(0);
            }
        } catch (RuntimeException e) {
            throw endOn(e, true);
        }
    }

    /** Waits for the oldest chunks and records their outcomes until at most {@code underWay} are left; throws a failed one's failure. */
    private void recordUntil(int underWay) {
        while (pipeline.size() > underWay) {
            RemovalPipeline.UnderWay oldest = Objects.requireNonNull(pipeline.oldest());
            record(oldest.await());
            pipeline.settled(oldest);
        }
    }

    private void record(List<ItemOutcome> answered) {
        sequence.outcomeTransaction().executeWithoutResult(status -> outcomes.record(jobInstanceId, jobExecutionId, answered));
    }

    /**
     * The run ends on {@code failure}: the rows not sent yet are held back, and every chunk under way is waited for, so
     * that no request is still in flight once the step has failed. The parts handed over and answered in full are recorded
     * (unless {@code recordAnswered} is false: the lease is lost); the removals that never left are withdrawn.
     *
     * @return the failure to end on: {@code failure}, unless that is a removal held back for a later chunk's failure
     */
    private RuntimeException endOn(RuntimeException failure, boolean recordAnswered) {
        pipeline.halt();
        RuntimeException cause = failure;
        for (RemovalPipeline.UnderWay chunk : pipeline.takeAll()) {
            try {
                List<ItemOutcome> answered = chunk.await();
                if (recordAnswered) {
                    record(answered);
                }
            } catch (RuntimeException e) {
                if (cause instanceof RemovalHeldBackException && !(e instanceof RemovalHeldBackException)) {
                    cause = e;
                } else if (e != cause && !(e instanceof RemovalHeldBackException)) {
                    cause.addSuppressed(e);
                }
            }
            withdrawUnsent(chunk, cause);
        }
        return cause;
    }

    /**
     * The step ends. After a stop (the step's loop ends at a chunk's commit), the chunk still under way is waited for
     * and its outcomes recorded; after a failure that {@link #write} did not see (reading the next chunk, committing),
     * likewise, as far as the job database lets it. Nothing is under way after the last chunk.
     */
    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (pipeline.size() > 0) {
            try {
                recordUntil(0);
            } catch (RuntimeException e) {
                log.warn("The removals under way when the step ended could not all be recorded ({}); 'scim-purge restart' "
                        + "takes their rows up again", endOn(e, true).getMessage());
            }
        }
        return null;
    }

    /**
     * The run ends (the server went down, say): the removals a chunk logged but never sent (held back, or not handed
     * over yet) leave the log again, so that a restart takes a 404 for them as "not found", not "already gone". What an
     * earlier execution sent stays logged.
     */
    private void withdrawUnsent(RemovalPipeline.UnderWay chunk, RuntimeException failure) {
        List<Long> neverSent = IntStream.range(0, chunk.candidates().size())
                .filter(i -> chunk.neverSent(i) && !chunk.sentBefore().contains(chunk.candidates().get(i).accountId()))
                .mapToObj(i -> chunk.candidates().get(i).seq())
                .toList();
        try {
            attempts.withdraw(jobInstanceId, jobExecutionId, neverSent);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
