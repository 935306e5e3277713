package dev.scimpurge.restore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.job.PurgeJobConfiguration;

/** What an earlier purge execution removed, and what identifies its run, read from the job database. */
public final class RemovedAccounts {

    private final JdbcTemplate jdbc;

    public RemovedAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The job parameters of a purge execution by name, or empty when there is no purge execution of that id. */
    public Optional<Map<String, String>> purgeParameters(long executionId) {
        List<String> names = jdbc.queryForList("""
                SELECT I.JOB_NAME FROM BATCH_JOB_EXECUTION E JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID
                WHERE E.JOB_EXECUTION_ID = ?""", String.class, executionId);
        if (names.isEmpty() || !PurgeJobConfiguration.JOB_NAME.equals(names.get(0))) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        jdbc.query("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?",
                (RowCallbackHandler) rs -> parameters.put(rs.getString(1), rs.getString(2)), executionId);
        return Optional.of(parameters);
    }

    /** The accounts the execution removed (deleted, or already gone after a restart), in input order. */
    public List<RemovedAccount> of(long executionId) {
        return jdbc.query("""
                SELECT JOB_INSTANCE_ID, SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID, OUTCOME FROM PURGE_OUTCOME
                WHERE JOB_EXECUTION_ID = ? AND OUTCOME IN (?, ?) AND ACCOUNT_ID IS NOT NULL ORDER BY SEQ""",
                (rs, row) -> new RemovedAccount(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getString(4),
                        rs.getString(5), Outcome.valueOf(rs.getString(6))),
                executionId, Outcome.DELETED.name(), Outcome.ALREADY_GONE.name());
    }
}
