package dev.scimpurge.report;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.scimpurge.job.guard.RemovalGuardException;
import dev.scimpurge.job.guard.RemovalGuardTasklet;

/**
 * How an execution ended, for those told of it (notifications, metrics), with the exit code the
 * command line gives it ({@code cli.ExitCodes}, whose numbers these are).
 */
public enum RunEnd {
    /** A safety guard refused the run before its first removal (or, in a dry run, would refuse the real run). */
    REFUSED(3),
    /** Stopped on request, restartable. */
    STOPPED(2),
    /** The job failed, restartable. */
    FAILED(2),
    /** Completed, with rows in the failure report (failed, not found). */
    ROWS_FAILED(1),
    /** Completed, every row settled. */
    COMPLETED(0);

    private final int exitCode;

    RunEnd(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static RunEnd of(JobExecution execution, RunSummary summary) {
        if (refusal(execution) != null || RemovalGuardTasklet.dryRunRefusal(execution) != null) {
            return REFUSED;
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return STOPPED;
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return FAILED;
        }
        return summary.counts().reported() > 0 ? ROWS_FAILED : COMPLETED;
    }

    /** The guard's refusal among the execution's failures, or null. */
    public static @Nullable RemovalGuardException refusal(JobExecution execution) {
        for (Throwable failure : execution.getAllFailureExceptions()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof RemovalGuardException refused) {
                    return refused;
                }
            }
        }
        return null;
    }
}
