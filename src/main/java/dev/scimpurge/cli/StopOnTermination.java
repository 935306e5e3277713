package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What SIGTERM (Kubernetes stopping a pod, systemd, {@code kill}) does during a run: ask the job
 * to stop at its next chunk boundary and let the run finish, print its summary and exit with its
 * own code. If it has not stopped within the grace period, the process exits anyway, with
 * {@link ExitCodes#JOB_FAILED}, and a restart takes the execution over.
 * <p>
 * A signal handler rather than a shutdown hook: once the JVM shuts down, other hooks (H2 closing
 * its embedded database among them) would pull the job database away from the chunk being finished.
 */
final class StopOnTermination {

    private static final Signal TERM = new Signal("TERM");
    private static final long RETRY_MILLIS = 200;

    private final PrintWriter err;
    private final CountDownLatch runFinished = new CountDownLatch(1);
    private final AtomicBoolean terminating = new AtomicBoolean();
    private @Nullable SignalHandler previous;

    StopOnTermination(PrintWriter err) {
        this.err = err;
    }

    /**
     * @param requestStop asks the running job to stop; false while there is no execution to ask yet
     * @param grace       how long the run may take to stop before the process exits anyway
     */
    void install(BooleanSupplier requestStop, Duration grace) {
        previous = Signal.handle(TERM, signal -> onTermination(requestStop, grace));
    }

    /** The run is over (its summary printed, its context closed): SIGTERM goes back to ending the process. */
    void finish() {
        runFinished.countDown();
        if (previous != null) {
            Signal.handle(TERM, previous);
        }
    }

    /** Runs on a thread of its own, started by the JVM for the signal. */
    private void onTermination(BooleanSupplier requestStop, Duration grace) {
        if (!terminating.compareAndSet(false, true)) {
            return;
        }
        err.println("Termination requested: stopping after the current chunk (waiting up to " + grace.toSeconds() + " s).");
        err.flush();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            // the job may not have created its execution yet: ask again until it has, or the run is over
            while (!askToStop(requestStop) && !runFinished.await(RETRY_MILLIS, TimeUnit.MILLISECONDS)
                    && System.nanoTime() < deadline) {
                continue;
            }
            if (runFinished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("The run did not stop within " + grace.toSeconds() + " s; exiting now. Its execution stays marked "
                + "running, and 'scim-purge restart' takes it over.");
        err.flush();
        System.exit(ExitCodes.JOB_FAILED);
    }

    private static boolean askToStop(BooleanSupplier requestStop) {
        try {
            return requestStop.getAsBoolean();
        } catch (RuntimeException e) {
            // the run may be closing its context as we ask: it is ending anyway
            return false;
        }
    }
}
