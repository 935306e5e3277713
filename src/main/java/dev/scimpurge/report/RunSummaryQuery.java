package dev.scimpurge.report;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.scimpurge.audit.OutcomeCounts;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.ExecutionRegistry;

/** Computes a {@link RunSummary} from the job database. */
@Component
public class RunSummaryQuery {

    private final JdbcTemplate jdbc;
    private final OutcomeRepository outcomes;
    private final ExecutionRegistry registry;

    public RunSummaryQuery(JdbcTemplate jdbc, OutcomeRepository outcomes, ExecutionRegistry registry) {
        this.jdbc = jdbc;
        this.outcomes = outcomes;
        this.registry = registry;
    }

    public RunSummary summarize(JobExecution execution) {
        long instance = execution.getJobInstanceId();
        OutcomeCounts counts = outcomes.counts(instance);
        Long pending = Objects.requireNonNull(jdbc.queryForObject("""
                SELECT COUNT(*) FROM PURGE_CANDIDATE c WHERE c.JOB_INSTANCE_ID = ?
                AND NOT EXISTS (SELECT 1 FROM PURGE_OUTCOME o WHERE o.JOB_INSTANCE_ID = c.JOB_INSTANCE_ID AND o.SEQ = c.SEQ)""",
                Long.class, instance));
        Long rejectedWhileCollecting = Objects.requireNonNull(jdbc.queryForObject("""
                SELECT COUNT(*) FROM PURGE_OUTCOME o WHERE o.JOB_INSTANCE_ID = ?
                AND NOT EXISTS (SELECT 1 FROM PURGE_CANDIDATE c WHERE c.JOB_INSTANCE_ID = o.JOB_INSTANCE_ID AND c.SEQ = o.SEQ)""",
                Long.class, instance));
        Long candidates = Objects.requireNonNull(
                jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ?", Long.class, instance));
        LocalDateTime start = execution.getStartTime();
        LocalDateTime end = execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now();
        return new RunSummary(execution.getId(), execution.getStatus().name(), candidates + rejectedWhileCollecting, counts,
                pending, start == null ? Duration.ZERO : Duration.between(start, end),
                registry.reportPath(execution.getId()).orElse(null));
    }
}
