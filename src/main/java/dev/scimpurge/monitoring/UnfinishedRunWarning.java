package dev.scimpurge.monitoring;

import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbc;

    public UnfinishedRunWarning(JobRepository jobRepository, JdbcTemplate jdbc) {
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        PurgeJobParameters current = PurgeJobParameters.from(execution.getJobParameters());
        for (long id : unfinishedElsewhere(execution.getJobInstanceId())) {
            JobExecution last = jobRepository.getJobExecution(id);
            if (last == null) {
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

    /**
     * The last execution of each other instance, where it failed or stopped: one query, where loading every instance's
     * last execution through the repository made each run's start slower with every run the database kept.
     */
    private List<Long> unfinishedElsewhere(long jobInstanceId) {
        return jdbc.queryForList("""
                SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                WHERE i.JOB_NAME = ? AND e.JOB_INSTANCE_ID <> ? AND e.STATUS IN (?, ?)
                AND e.JOB_EXECUTION_ID = (SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x WHERE x.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID)
                ORDER BY e.JOB_EXECUTION_ID""", Long.class, PurgeJobConfiguration.JOB_NAME, jobInstanceId,
                BatchStatus.FAILED.name(), BatchStatus.STOPPED.name());
    }

    private static boolean sameTargetAndInput(PurgeJobParameters a, PurgeJobParameters b) {
        return a.target().equals(b.target()) && a.provider().equals(b.provider()) && a.source() == b.source()
                && Objects.equals(a.csvFile(), b.csvFile()) && Objects.equals(a.retry(), b.retry()) && !a.runId().equals(b.runId());
    }
}
