package dev.scimpurge.monitoring;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.scimpurge.job.PurgeJobConfiguration;
import dev.scimpurge.job.PurgeJobParameters;

/**
 * At the start of a run, warns about earlier runs of the same target and input, under another
 * run id, that failed or stopped and were neither continued nor abandoned. With a run id from
 * the date, the next night is a new run: last night's failed one would otherwise be forgotten.
 */
@Component
public class UnfinishedRunWarning implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedRunWarning.class);

    private final JobRepository jobRepository;

    public UnfinishedRunWarning(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        PurgeJobParameters current = PurgeJobParameters.from(execution.getJobParameters());
        for (JobInstance instance : jobRepository.findJobInstances(PurgeJobConfiguration.JOB_NAME)) {
            if (instance.getInstanceId() == execution.getJobInstanceId()) {
                continue;
            }
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last == null || (last.getStatus() != BatchStatus.FAILED && last.getStatus() != BatchStatus.STOPPED)) {
                continue;
            }
            PurgeJobParameters earlier = PurgeJobParameters.from(last.getJobParameters());
            if (sameTargetAndInput(current, earlier) && !earlier.guards().dryRun()) {
                log.warn("An earlier run of this purge did not finish: run id {}, execution {} ended {} at {}. This run does not "
                                + "continue it. It stays restartable: the same command with --run-id {} continues it.",
                        earlier.runId(), last.getId(), last.getStatus(), last.getEndTime(), earlier.runId());
            }
        }
    }

    private static boolean sameTargetAndInput(PurgeJobParameters a, PurgeJobParameters b) {
        return a.target().equals(b.target()) && a.provider().equals(b.provider()) && a.source() == b.source()
                && Objects.equals(a.csvFile(), b.csvFile()) && Objects.equals(a.retry(), b.retry()) && !a.runId().equals(b.runId());
    }
}
