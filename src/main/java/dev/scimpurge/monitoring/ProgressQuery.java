package dev.scimpurge.monitoring;

import java.util.List;
import java.util.Map;

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

    public ProgressQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The progress of the step {@code execution} is running now, else of the step it ran last (its final figures); null before the first. */
    public Progress current(JobExecution execution) {
        List<StepExecution> steps = execution.getStepExecutions().stream().toList();
        String step = steps.stream()
                .filter(s -> s.getStatus() == BatchStatus.STARTED)
                .reduce((first, last) -> last)
                .or(() -> steps.stream().reduce((first, last) -> last))
                .map(StepExecution::getStepName)
                .orElse(null);
        if (step == null) {
            return null;
        }
        String phase = PHASES.getOrDefault(step, step);
        return switch (step) {
            case "resolveAccounts" -> counted(phase, execution.getJobInstanceId(), false);
            case "removeAccounts" -> counted(phase, execution.getJobInstanceId(), true);
            default -> new Progress(phase, 0, -1);
        };
    }

    private Progress counted(String phase, long jobInstanceId, boolean removing) {
        // Looking up: every candidate, done once it has an account id or an outcome.
        // Removing: the candidates with an account id, done once they have an outcome.
        return jdbc.queryForObject("""
                SELECT COUNT(*),
                       COALESCE(SUM(CASE WHEN c.ACCOUNT_ID IS NOT NULL OR o.SEQ IS NOT NULL THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN c.ACCOUNT_ID IS NOT NULL THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN c.ACCOUNT_ID IS NOT NULL AND o.SEQ IS NOT NULL THEN 1 ELSE 0 END), 0)
                FROM PURGE_CANDIDATE c
                LEFT JOIN PURGE_OUTCOME o ON o.JOB_INSTANCE_ID = c.JOB_INSTANCE_ID AND o.SEQ = c.SEQ
                WHERE c.JOB_INSTANCE_ID = ?""", (rs, i) -> removing
                ? new Progress(phase, rs.getLong(4), rs.getLong(3))
                : new Progress(phase, rs.getLong(2), rs.getLong(1)), jobInstanceId);
    }
}
