package dev.scimpurge.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * A fixed pool of {@code concurrency} threads that sends the requests of one chunk in parallel.
 * Only HTTP happens on these threads: the chunk's transaction, the removal-attempt log and the
 * outcomes stay on the step's thread, so every row still ends in exactly one recorded outcome.
 */
public final class RequestWorkers implements AutoCloseable {

    private final int concurrency;
    private final @Nullable ExecutorService pool;

    public RequestWorkers(int concurrency) {
        this.concurrency = concurrency;
        this.pool = concurrency == 1 ? null : Executors.newFixedThreadPool(concurrency, daemonThreads());
    }

    public int concurrency() {
        return concurrency;
    }

    /**
     * {@code work} applied to every item, results in the items' order. Waits for every item, even
     * when one fails, so that no request is still in flight when the chunk rolls back; then throws
     * the first failure in item order. Once the server is known to be down, the items still waiting
     * fail at once: the client sends none of their requests.
     */
    public <T, R> List<R> map(List<T> items, Function<T, R> work) {
        if (pool == null || items.size() <= 1) {
            return items.stream().map(work).toList();
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> inLogContext(logContext, () -> work.apply(item))));
        }
        List<R> results = new ArrayList<>(items.size());
        RuntimeException first = null;
        for (Future<R> future : futures) {
            try {
                results.add(awaitUninterruptibly(future));
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
                results.add(null);
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** Runs {@code work} with the caller's logging context (the execution id), so that what a worker logs names its run. */
    private static <R> R inLogContext(Map<String, String> logContext, Supplier<R> work) {
        if (logContext == null) {
            return work.get();
        }
        MDC.setContextMap(logContext);
        try {
            return work.get();
        } finally {
            MDC.clear();
        }
    }

    private static <R> R awaitUninterruptibly(Future<R> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "scim-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
