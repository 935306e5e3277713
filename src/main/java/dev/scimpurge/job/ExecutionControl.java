package dev.scimpurge.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator does to recorded executions, from any process that reaches the job database:
 * find them, decide whether one may continue, ask a running one to stop, abandon one.
 */
@Component
public class ExecutionControl {

    private static final Duration POLL = Duration.ofMillis(500);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final ExecutionRegistry registry;
    private final OwnerLiveness liveness;
    private final JdbcTemplate jdbc;

    public ExecutionControl(JobRepository jobRepository, JobOperator jobOperator, ExecutionRegistry registry,
            OwnerLiveness liveness, JdbcTemplate jdbc, JobDatabaseSchema schema) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.registry = registry;
        this.liveness = liveness;
        this.jdbc = jdbc;
    }

    public JobExecution execution(long id) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(id);
        } catch (EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null || !PurgeJobConfiguration.JOB_NAME.equals(execution.getJobInstance().getJobName())) {
            throw new RunRefusedException(RunRefusedException.Reason.NO_SUCH_EXECUTION,
                    "There is no execution " + id + " in this job database.");
        }
        return execution;
    }

    /** The most recently created execution of any purge in this job database. */
    public JobExecution lastExecution() {
        Long id = jdbc.queryForObject("""
                SELECT MAX(E.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION E
                JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID WHERE I.JOB_NAME = ?""",
                Long.class, PurgeJobConfiguration.JOB_NAME);
        if (id == null) {
            throw new RunRefusedException(RunRefusedException.Reason.NO_SUCH_EXECUTION,
                    "There is no purge in this job database yet.");
        }
        return execution(id);
    }

    /** The newest execution of the run (job instance) an execution belongs to: the one a restart continues. */
    public JobExecution latestOfRun(JobExecution execution) {
        return jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                .max(Comparator.comparing(JobExecution::getId))
                .orElse(execution);
    }

    /**
     * Refuses to continue a run whose latest execution completed or was abandoned, or one whose
     * state Spring Batch cannot restart from. Running executions are the launcher's to judge.
     */
    public void refuseIfFinished(JobExecution latest) {
        BatchStatus status = latest.getStatus();
        if (status == BatchStatus.COMPLETED) {
            throw new RunRefusedException(RunRefusedException.Reason.ALREADY_COMPLETED,
                    "This run already completed (execution " + latest.getId() + ", ended " + seconds(latest.getEndTime())
                            + "); nothing was done. Its report: " + registry.reportPath(latest.getId()).map(Object::toString).orElse("none")
                            + ". To purge again with the same input, pass a new --run-id.");
        }
        if (status == BatchStatus.ABANDONED) {
            throw new RunRefusedException(RunRefusedException.Reason.ABANDONED,
                    "Execution " + latest.getId() + " of this run was abandoned and will not be restarted. "
                            + "Pass a new --run-id to start afresh.");
        }
        if (status == BatchStatus.UNKNOWN) {
            throw new RunRefusedException(RunRefusedException.Reason.NOT_APPLICABLE,
                    "Execution " + latest.getId() + " ended in an UNKNOWN state, from which it cannot be restarted safely. "
                            + "Check the job database, then abandon it and pass a new --run-id.");
        }
    }

    /** Whether this run already wrote its list of users (the input is not read again when it continues). */
    public boolean inputCollected(JobExecution execution) {
        Long rows = jdbc.queryForObject("""
                SELECT (SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ?)
                     + (SELECT COUNT(*) FROM PURGE_OUTCOME WHERE JOB_INSTANCE_ID = ?)""",
                Long.class, execution.getJobInstanceId(), execution.getJobInstanceId());
        return rows != null && rows > 0;
    }

    /**
     * Asks a running execution to stop at its next chunk boundary: Spring Batch's stop flag
     * (status STOPPING) in the job repository, which the running step reads when it commits a
     * chunk. {@link JobOperator#stop} is not used: it also stamps an end time, which makes the
     * repository record the execution STOPPED at once, while its owner is still finishing the
     * chunk, and a restart could then start beside it.
     *
     * @return the process asked to stop
     */
    public Optional<ExecutionOwner> requestStop(long id) {
        for (int attempt = 1; ; attempt++) {
            JobExecution execution = execution(id);
            if (!execution.isRunning()) {
                throw new RunRefusedException(RunRefusedException.Reason.NOT_APPLICABLE,
                        "Execution " + id + " is not running (it ended " + execution.getStatus() + " at "
                                + seconds(execution.getEndTime()) + "): there is nothing to stop.");
            }
            if (!liveness.isAlive(execution)) {
                throw leftRunning(execution);
            }
            if (execution.getStatus() == BatchStatus.STOPPING) {
                return registry.owner(id);
            }
            execution.setStatus(BatchStatus.STOPPING);
            try {
                jobRepository.update(execution);
                return registry.owner(id);
            } catch (OptimisticLockingFailureException e) {
                // the running job updated its execution in between: read it again
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Asks every execution this process runs to stop. @return whether there was one */
    public boolean requestStopOfRunsOwnedBy(ExecutionOwner owner) {
        List<Long> owned = jobRepository.findRunningJobExecutions(PurgeJobConfiguration.JOB_NAME).stream()
                .map(JobExecution::getId)
                .filter(id -> registry.owner(id).filter(owner::isSameProcess).isPresent())
                .toList();
        owned.forEach(this::requestStop);
        return !owned.isEmpty();
    }

    /**
     * Waits, at most {@code patience}, until an execution has ended and its process has recorded its failure report;
     * returns it as last read. Refuses with {@link RunRefusedException.Reason#NOT_APPLICABLE} if its process turns out
     * to be gone while the execution is marked running (its lease expired).
     */
    public AwaitedEnd awaitEnd(long id, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        JobExecution execution = execution(id);
        while (true) {
            try {
                execution = execution(id);
                if (execution.isRunning()) {
                    if (!liveness.isAlive(execution)) {
                        throw leftRunning(execution);
                    }
                } else {
                    // Spring Batch records the end before its listeners run, so the report path comes a moment later;
                    // once the owner is gone, a path still missing was never written.
                    Optional<Path> report = registry.reportPath(id);
                    if (report.isPresent() || !liveness.isAlive(execution)) {
                        return new AwaitedEnd(execution, report);
                    }
                }
            } catch (DataAccessResourceFailureException e) {
                // an H2 database served by the stopping process (AUTO_SERVER) moves when that process exits: ask again
            }
            if (System.nanoTime() >= deadline) {
                return new AwaitedEnd(execution, Optional.empty());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** An execution as {@link #awaitEnd} last read it, and its failure report once its process recorded one. */
    public record AwaitedEnd(JobExecution execution, Optional<Path> report) {
    }

    /** An execution still marked running whose process is gone: there is nothing to stop, and where to go from here. */
    private RunRefusedException leftRunning(JobExecution execution) {
        return new RunRefusedException(RunRefusedException.Reason.NOT_APPLICABLE,
                "Execution " + execution.getId() + " was left running by " + liveness.describeGone(execution)
                        + ": that process is gone, so there is nothing to stop. 'scim-purge restart " + execution.getId()
                        + "', or the same purge command, takes it over and continues it.");
    }

    /**
     * Marks the latest execution of a run ABANDONED: it is never restarted, and a purge with the
     * same parameters is refused. An execution left running by a dead process is marked failed first.
     *
     * @return the abandoned execution (unchanged if it already was)
     */
    public JobExecution abandon(long id) {
        JobExecution execution = execution(id);
        JobExecution latest = latestOfRun(execution);
        if (latest.getId() != id) {
            throw new RunRefusedException(RunRefusedException.Reason.NOT_APPLICABLE,
                    "Execution " + id + " is not the latest of its run: execution " + latest.getId() + " ("
                            + latest.getStatus() + ") is. Abandon that one.");
        }
        switch (execution.getStatus()) {
            case ABANDONED -> {
                return execution;
            }
            case COMPLETED -> throw new RunRefusedException(RunRefusedException.Reason.ALREADY_COMPLETED,
                    "Execution " + id + " completed; there is nothing to abandon.");
            default -> {
            }
        }
        if (execution.isRunning()) {
            if (liveness.isAlive(execution)) {
                throw new RunRefusedException(RunRefusedException.Reason.ALREADY_RUNNING,
                        "Execution " + id + " is running in " + registry.owner(id).map(Object::toString).orElse("another process")
                                + ". Stop it first ('scim-purge stop " + id + "'), then abandon it.");
            }
            execution = jobOperator.recover(execution);
        }
        try {
            return jobOperator.abandon(execution);
        } catch (JobExecutionAlreadyRunningException e) {
            throw new IllegalStateException("execution " + id + " is " + execution.getStatus() + " and cannot be abandoned", e);
        }
    }

    static @Nullable LocalDateTime seconds(@Nullable LocalDateTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
    }
}
