package dev.scimpurge.job;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import dev.scimpurge.ScimPurgeProperties;

/**
 * Starts a purge, or continues it: the same parameters name the same job instance, so a failed
 * or interrupted run restarts where its last committed chunk ended. An execution left "running"
 * by a process that no longer exists (killed, crashed, host rebooted) is marked failed first.
 */
@Component
public class PurgeLauncher {

    private static final Logger log = LoggerFactory.getLogger(PurgeLauncher.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job purgeJob;
    private final ExecutionRegistry registry;
    private final Duration staleAfter;

    public PurgeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job purgeJob, ExecutionRegistry registry,
            ScimPurgeProperties properties, JobDatabaseSchema schema) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.purgeJob = purgeJob;
        this.registry = registry;
        this.staleAfter = properties.job().staleAfter();
    }

    public JobExecution launch(PurgeJobParameters run) throws Exception {
        JobParameters parameters = run.toJobParameters();
        JobExecution last = jobRepository.getLastJobExecution(PurgeJobConfiguration.JOB_NAME, parameters);
        if (last != null) {
            refuseOrRecover(last);
            log.info("Continuing job instance {} (its execution {} ended {})", last.getJobInstanceId(), last.getId(),
                    last.getStatus());
        }
        return jobOperator.start(purgeJob, parameters);
    }

    private void refuseOrRecover(JobExecution last) {
        BatchStatus status = last.getStatus();
        if (status == BatchStatus.COMPLETED) {
            throw new RunRefusedException(RunRefusedException.Reason.ALREADY_COMPLETED,
                    "This run already completed (execution " + last.getId() + ", ended " + last.getEndTime()
                            + "); nothing was done. Its report: " + registry.reportPath(last.getId()).map(Object::toString).orElse("none")
                            + ". To purge again with the same input, pass a new --run-id.");
        }
        if (status == BatchStatus.ABANDONED) {
            throw new RunRefusedException(RunRefusedException.Reason.ABANDONED,
                    "Execution " + last.getId() + " of this run was abandoned and will not be restarted. Pass a new --run-id to start afresh.");
        }
        if (!last.isRunning()) {
            return;
        }
        Optional<ExecutionOwner> owner = registry.owner(last.getId());
        if (isAlive(last, owner)) {
            throw new RunRefusedException(RunRefusedException.Reason.ALREADY_RUNNING,
                    "This run is in progress in " + owner.map(Object::toString).orElse("another process")
                            + " (execution " + last.getId() + "). Wait for it to finish.");
        }
        log.warn("Execution {} was left running by {}, which is gone; marking it failed and continuing where it stopped",
                last.getId(), owner.map(Object::toString).orElse("a process that never registered"));
        jobOperator.recover(last);
    }

    private boolean isAlive(JobExecution execution, Optional<ExecutionOwner> owner) {
        Optional<Boolean> seen = owner.flatMap(ExecutionOwner::isAliveSeenFromHere);
        if (seen.isPresent()) {
            return seen.get();
        }
        LocalDateTime since = LocalDateTime.now().minus(staleAfter);
        return Stream.concat(Stream.of(execution.getLastUpdated(), execution.getStartTime()),
                        execution.getStepExecutions().stream().map(StepExecution::getLastUpdated))
                .anyMatch(update -> update != null && update.isAfter(since));
    }
}
