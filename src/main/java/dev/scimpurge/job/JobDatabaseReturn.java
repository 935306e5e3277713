package dev.scimpurge.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessResourceFailureException;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * After a chunk step that failed because the job database went away, waits for it to answer again and records the step
 * {@code FAILED}, which the same command continues, rather than {@code UNKNOWN}, which it does not. The H2 file shared by
 * several purges (AUTO_SERVER) goes away for a moment whenever the process serving it ends, and the next one takes it
 * over; Spring Batch marks a step {@code UNKNOWN} when a chunk's rollback, or saving the step, fails on the way.
 * <p>
 * {@code UNKNOWN} says a chunk's transaction may or may not have committed. The resolve and remove steps do not depend
 * on that: a restart reads again every row after the saved position that has no outcome, outcomes are recorded in
 * transactions of their own, and a removal logged as sent is "already gone" when it 404s. So either way the restart
 * is correct. The pool's connections are evicted first: one that saw the database close fails again at once.
 */
public class JobDatabaseReturn implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(JobDatabaseReturn.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long one check may take: a database that hangs must not hold the step past its patience. */
    private static final int VALIDATION_SECONDS = 2;

    private final DataSource dataSource;
    private final Duration patience;

    /** @param patience how long to wait for the database to answer again */
    public JobDatabaseReturn(DataSource dataSource, Duration patience) {
        this.dataSource = dataSource;
        this.patience = patience;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getFailureExceptions().stream().anyMatch(JobDatabaseReturn::lostTheDatabase)
                && awaitTheDatabase(stepExecution.getStepName()) && stepExecution.getStatus() == BatchStatus.UNKNOWN) {
            stepExecution.setStatus(BatchStatus.FAILED);
            log.info("Step {} is recorded FAILED: its restart takes up every row without an outcome", stepExecution.getStepName());
        }
        return null;
    }

    /** Whether the database answers again within the patience. */
    private boolean awaitTheDatabase(String step) {
        evictPooledConnections();
        long deadline = System.nanoTime() + patience.toNanos();
        String lastProblem = "";
        do {
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(VALIDATION_SECONDS)) {
                    log.info("The job database answers again: the end of step {} can be recorded", step);
                    return true;
                }
            } catch (SQLException | RuntimeException e) {
                lastProblem = e.getMessage();
                evictPooledConnections();
            }
            try {
                TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.nanoTime() < deadline);
        log.warn("The job database did not answer again within {} s ({}): step {} may be recorded UNKNOWN", patience.toSeconds(),
                lastProblem, step);
        return false;
    }

    private void evictPooledConnections() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
                if (pool != null) {
                    pool.softEvictConnections();
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not evict the pool's connections: {}", e.getMessage());
        }
    }

    /** Whether a failure comes from the connection to the job database, not from what a statement asked. */
    static boolean lostTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLNonTransientConnectionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
