package dev.scimpurge.job;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts a purge, or continues it: the same parameters name the same job instance, so a failed
 * or stopped run restarts where its last committed chunk ended. Before an execution starts, the
 * {@link TargetCheck} shows that the target takes the credentials. The run holds its target's
 * {@link PurgeTargetLock} throughout, so no other purge of that target runs beside it. An
 * execution left "running" by a process that no longer exists (killed, crashed, host lost: the
 * lock was taken over from it) is marked failed first, then continued.
 */
@Component
public class PurgeLauncher {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job purgeJob;
    private final PurgeTargetLock targetLock;
    private final ExecutionControl control;
    private final OwnerLiveness liveness;
    private final ExecutionRegistry registry;
    private final TargetCheck targetCheck;

    public PurgeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job purgeJob, PurgeTargetLock targetLock,
            ExecutionControl control, OwnerLiveness liveness, ExecutionRegistry registry, TargetCheck targetCheck) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.purgeJob = purgeJob;
        this.targetLock = targetLock;
        this.control = control;
        this.liveness = liveness;
        this.registry = registry;
        this.targetCheck = targetCheck;
    }

    /**
     * Runs the purge to its end (completed, failed or stopped) in the calling thread.
     *
     * @param notices told, before the job starts, what the launch takes over or continues
     */
    public JobExecution launch(PurgeJobParameters run, Consumer<String> notices) throws Exception {
        try (PurgeTargetLock.Held lock = targetLock.acquire(run.target(), notices)) {
            if (run.retry() != null) {
                refuseUnusableOriginal(run);
            }
            JobParameters parameters = run.toJobParameters();
            JobExecution last = jobRepository.getLastJobExecution(PurgeJobConfiguration.JOB_NAME, parameters);
            if (last == null) {
                forgetInstanceWithoutExecution(parameters, notices);
            } else {
                control.refuseIfFinished(last);
                if (last.isRunning()) {
                    takeOver(last, notices);
                } else {
                    notices.accept("Continuing execution " + last.getId() + " (" + last.getStatus() + ") where it stopped.");
                }
            }
            OptionalLong directorySize = targetCheck.verify();
            return jobOperator.start(purgeJob, PurgeJobParameters.withDirectorySize(parameters, directorySize));
        }
    }

    /**
     * A process that ended between creating the run's job instance and its first execution (its job database went away
     * in between) leaves an instance Spring Batch can neither start nor restart. Nothing ran under it, no row was
     * collected: it is removed, and the run starts afresh.
     */
    private void forgetInstanceWithoutExecution(JobParameters parameters, Consumer<String> notices) {
        JobInstance empty = jobRepository.getJobInstance(PurgeJobConfiguration.JOB_NAME, parameters);
        if (empty != null && jobRepository.getJobExecutions(empty).isEmpty()) {
            notices.accept("The job instance " + empty.getInstanceId() + " of this run was left without an execution by a process that "
                    + "ended as it started; starting the run afresh.");
            jobRepository.deleteJobInstance(empty);
        }
    }

    /** A retry takes up the rows of a finished execution of the same target. */
    private void refuseUnusableOriginal(PurgeJobParameters run) {
        long id = Objects.requireNonNull(run.retry(), "a retry names its execution").executionId();
        JobExecution original;
        try {
            original = control.execution(id);
        } catch (RunRefusedException e) {
            throw new RunRefusedException(e.reason(), "--retry-failed: " + e.getMessage() + " 'scim-purge history' lists them.");
        }
        String target = original.getJobParameters().getString(PurgeJobParameters.TARGET);
        if (!run.target().toString().equals(target)) {
            throw new RunRefusedException(RunRefusedException.Reason.NOT_APPLICABLE, "--retry-failed: execution " + id + " purged "
                    + target + ", not " + run.target() + "; retry it with the --url (and --provider) it was run with.");
        }
        if (original.isRunning()) {
            throw new RunRefusedException(liveness.isAlive(original) ? RunRefusedException.Reason.ALREADY_RUNNING
                    : RunRefusedException.Reason.NOT_APPLICABLE, "--retry-failed: execution " + id + " has not finished ("
                    + original.getStatus() + "); its rows are not settled yet. Let it finish, or 'scim-purge restart " + id
                    + "' it, then retry what failed.");
        }
    }

    private void takeOver(JobExecution last, Consumer<String> notices) {
        if (liveness.isAlive(last)) {
            throw new RunRefusedException(RunRefusedException.Reason.ALREADY_RUNNING,
                    "This run is in progress in " + registry.owner(last.getId()).map(Object::toString).orElse("another process")
                            + " (execution " + last.getId() + "). Wait for it to finish, or stop it with 'scim-purge stop "
                            + last.getId() + "'.");
        }
        notices.accept("Execution " + last.getId() + " was left " + last.getStatus() + " by " + liveness.describeGone(last)
                + ". Taking it over: marking it FAILED and continuing where it stopped.");
        jobOperator.recover(last);
    }
}
