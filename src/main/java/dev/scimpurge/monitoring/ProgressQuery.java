package dev.scimpurge.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a running execution's progress from what its chunks committed to the job database, so the
 * figures are right after a restart too (rows done by an earlier execution count as done).
 */
@Component
public class ProgressQuery {

    private static final Map<String, String> PHASES = Map.of(
            "collectCandidates", "collecting", "resolveAccounts", "looking up", "checkGuards", "checking guards",
            "removeAccounts", "removing");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ProgressQuery(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The progress of the step {@code execution} is running now, else of the step it ran last (its final figures); null before the first. */
    public @Nullable Progress current(JobExecution execution) {
        List<StepExecution> steps = execution.getStepExecutions().stream().toList();
        StepExecution step = steps.stream()
                .filter(s -> s.getStatus() == BatchStatus.STARTED)
                .reduce((first, last) -> last)
                .or(() -> steps.stream().reduce((first, last) -> last))
                .orElse(null);
        if (step == null) {
            return null;
        }
        String phase = PHASES.getOrDefault(step.getStepName(), step.getStepName());
        return switch (step.getStepName()) {
            case "resolveAccounts" -> counted(phase, execution.getJobInstanceId(), step.getId(), false);
            case "removeAccounts" -> counted(phase, execution.getJobInstanceId(), step.getId(), true);
            default -> Progress.uncounted(phase);
        };
    }

    private Progress counted(String phase, long jobInstanceId, long stepExecutionId, boolean removing) {
        // Looking up: every candidate, done once it has an account id or an outcome.
        // Removing: the candidates with an account id, done once they have an outcome.
        long[] rows = jdbc.queryForObject("""
                SELECT COUNT(*),
                       COALESCE(SUM(CASE WHEN c.ACCOUNT_ID IS NOT NULL OR o.SEQ IS NOT NULL THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN c.ACCOUNT_ID IS NOT NULL THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN c.ACCOUNT_ID IS NOT NULL AND o.SEQ IS NOT NULL THEN 1 ELSE 0 END), 0)
                FROM PURGE_CANDIDATE c
                LEFT JOIN PURGE_OUTCOME o ON o.JOB_INSTANCE_ID = c.JOB_INSTANCE_ID AND o.SEQ = c.SEQ
                WHERE c.JOB_INSTANCE_ID = ?""", (rs, i) -> removing
                ? new long[] {rs.getLong(4), rs.getLong(3)}
                : new long[] {rs.getLong(2), rs.getLong(1)}, jobInstanceId);
        // What the step committed, as its chunks recorded it: every row a chunk of these steps reads, it writes.
        return jdbc.queryForObject("SELECT WRITE_COUNT, START_TIME, END_TIME FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID = ?",
                (rs, i) -> {
                    LocalDateTime start = rs.getObject(2, LocalDateTime.class);
                    LocalDateTime end = rs.getObject(3, LocalDateTime.class);
                    Duration elapsed = start == null ? Duration.ZERO : Duration.between(start, end != null ? end : LocalDateTime.now(clock));
                    return new Progress(phase, rows[0], rows[1], rs.getLong(1), elapsed, end != null);
                }, stepExecutionId);
    }
}
