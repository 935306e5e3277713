package dev.scimpurge.job.purge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.throughput.RequestWorkers;

/**
 * The remove step's chunks whose removals are under way, oldest first. {@link DeprovisionWriter} hands the first round
 * of a chunk's removals (one per worker) to a thread of this pipeline, waits for the chunk before it and records that
 * one's outcomes, and only then hands over the rest. So the workers are not idle while a chunk waits for its slowest
 * request and commits: the next chunk's first round fills them, queued on the {@link RequestWorkers} behind the
 * chunk being answered. At most two chunks are under way, and the removals sent without their outcome recorded are
 * at most a chunk and a round. One thread runs the parts with {@code --concurrency 1}, so that one request at a time
 * stays one request at a time.
 * <p>
 * A chunk under way has its removals in the removal-attempt log but no outcomes yet, so the remove step's reader
 * must not save a position past its first row ({@link #savedPositionAtMost}): a restart after a crash reads it again,
 * and a 404 for it is "already gone". Once the run is ending on a failure, removals not yet sent are
 * {@linkplain #halt held back}.
 */
public final class RemovalPipeline implements AutoCloseable {

    private final ExecutorService threads;
    /** Used from the step's thread only. */
    private final Deque<UnderWay> underWay = new ArrayDeque<>();
    private volatile boolean halted;

    public RemovalPipeline(int concurrency) {
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(concurrency == 1 ? 1 : 2, runnable -> {
            Thread thread = new Thread(runnable, "scim-remove-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * One chunk's removals, sent on the threads of the pipeline in parts, in the chunk's order.
     *
     * @param sentBefore the accounts this job instance had sent a removal for before this chunk
     * @param unsent     the rows whose removal surely did not reach the server, filled in as it goes
     * @param parts      the parts handed over so far, the first rows of the chunk
     */
    record UnderWay(List<Candidate> candidates, Set<String> sentBefore, Set<Long> unsent, List<Future<List<ItemOutcome>>> parts,
            AtomicInteger handedOver) {

        /** Whether the row's removal surely did not reach the server: held back, or never handed over (the run ended first). */
        boolean neverSent(int index) {
            return index >= handedOver.get() || unsent.contains(candidates.get(index).seq());
        }

        /** The chunk's outcomes, in its order, once every part is answered; or the first failure, once every part has ended. */
        List<ItemOutcome> await() {
            List<ItemOutcome> outcomes = new ArrayList<>(candidates.size());
            RuntimeException first = null;
            for (Future<List<ItemOutcome>> part : parts) {
                try {
                    outcomes.addAll(awaitUninterruptibly(part));
                } catch (RuntimeException e) {
                    first = first == null || first instanceof RemovalHeldBackException ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
            return outcomes;
        }

        private static List<ItemOutcome> awaitUninterruptibly(Future<List<ItemOutcome>> part) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return part.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Starts a chunk (its removals already in the removal-attempt log) under way, with its first part.
     *
     * @param removals sends the removals of the rows it is given, on the calling thread's workers, and says what happened
     */
    UnderWay send(List<Candidate> candidates, Set<String> sentBefore, Set<Long> unsent, List<Candidate> part,
            Function<List<Candidate>, List<ItemOutcome>> removals) {
        UnderWay chunk = new UnderWay(candidates, sentBefore, unsent, new ArrayList<>(), new AtomicInteger());
        underWay.addLast(chunk);
        sendMore(chunk, part, removals);
        return chunk;
    }

    /** Sends the next part of a chunk under way, with the caller's logging context. */
    void sendMore(UnderWay chunk, List<Candidate> part, Function<List<Candidate>, List<ItemOutcome>> removals) {
        if (part.isEmpty()) {
            return;
        }
        chunk.handedOver().addAndGet(part.size());
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        chunk.parts().add(threads.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return removals.apply(part);
            } catch (RuntimeException e) {
                // what is queued behind sends nothing more: the run stops on this failure
                halt();
                throw e;
            } finally {
                MDC.clear();
            }
        }));
    }

    /** How many chunks are under way. */
    int size() {
        return underWay.size();
    }

    /** The oldest chunk under way, or null for none; it stays under way until {@link #settled}. */
    @Nullable UnderWay oldest() {
        return underWay.peekFirst();
    }

    /** The oldest chunk's outcomes are recorded, or it failed: it no longer holds the reader's position back. */
    void settled(UnderWay chunk) {
        underWay.remove(chunk);
    }

    /** Every chunk under way, oldest first, taken out of the pipeline. */
    List<UnderWay> takeAll() {
        List<UnderWay> all = new ArrayList<>(underWay);
        underWay.clear();
        return all;
    }

    /** From now on, the rows not yet sent are held back ({@link RemovalHeldBackException}). */
    void halt() {
        halted = true;
    }

    /** Whether removals not yet sent are held back: the run is ending on a failure. */
    public boolean halted() {
        return halted;
    }

    /**
     * The highest position the remove step's reader may save: just before the first row of the oldest chunk under
     * way, whose outcomes are not recorded yet; any position when none is.
     */
    public long savedPositionAtMost() {
        UnderWay first = underWay.peekFirst();
        return first == null ? Long.MAX_VALUE : first.candidates().get(0).seq() - 1;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
