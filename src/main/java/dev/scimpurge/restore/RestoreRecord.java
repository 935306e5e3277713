package dev.scimpurge.restore;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.PurgeJobParameters;

/**
 * A restore as a job instance of its own ({@code restore}, beside the purge's {@code purge}), so that its outcomes join
 * the hash chain like a purge's, and {@code history}, {@code audit} and {@code audit verify} show them; {@code history
 * prune} removes it like any other run.
 */
public final class RestoreRecord {

    public static final String JOB_NAME = "restore";
    /** The job parameter naming the execution whose removals are restored. */
    public static final String RESTORE_OF = "source.restore-of";

    private final JobRepository jobRepository;
    private final OutcomeRepository outcomes;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final JobExecution execution;

    /** Starts the record of a restore of {@code purgeExecutionId}'s removals. */
    public RestoreRecord(JobRepository jobRepository, OutcomeRepository outcomes, PlatformTransactionManager transactionManager,
            Clock clock, String provider, String target, long purgeExecutionId, boolean dryRun) {
        this.jobRepository = jobRepository;
        this.outcomes = outcomes;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString(PurgeJobParameters.TARGET, target)
                .addString(PurgeJobParameters.PROVIDER, provider)
                .addString(PurgeJobParameters.SOURCE, "restore of " + purgeExecutionId)
                .addLong(RESTORE_OF, purgeExecutionId)
                .addString("run.started", LocalDateTime.now(clock).toString());
        if (dryRun) {
            parameters.addString(PurgeJobParameters.DRY_RUN, "true");
        }
        JobParameters built = parameters.toJobParameters();
        JobInstance instance = jobRepository.createJobInstance(JOB_NAME, built);
        this.execution = jobRepository.createJobExecution(instance, built, new ExecutionContext());
        execution.setStartTime(LocalDateTime.now(clock));
        execution.setStatus(BatchStatus.STARTED);
        jobRepository.update(execution);
    }

    public long executionId() {
        return execution.getId();
    }

    /** Records the outcome of one account, committed at once: a restore sent is never left unrecorded by a later failure. */
    public void record(ItemOutcome outcome) {
        transaction.executeWithoutResult(status -> outcomes.record(execution.getJobInstanceId(), execution.getId(), List.of(outcome)));
    }

    /** Ends the record: completed, or failed with why. */
    public void end(BatchStatus status, String description) {
        execution.setEndTime(LocalDateTime.now(clock));
        execution.setStatus(status);
        execution.setExitStatus(new ExitStatus(status == BatchStatus.COMPLETED ? "COMPLETED" : "FAILED", description));
        jobRepository.update(execution);
    }
}
