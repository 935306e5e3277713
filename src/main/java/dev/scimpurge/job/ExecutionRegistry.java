package dev.scimpurge.job;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** PURGE_EXECUTION: which process owns each execution, and where its report went. */
@Repository
public class ExecutionRegistry {

    private final JdbcTemplate jdbc;

    public ExecutionRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void register(long jobExecutionId, long jobInstanceId, ExecutionOwner owner) {
        jdbc.update("""
                INSERT INTO PURGE_EXECUTION (JOB_EXECUTION_ID, JOB_INSTANCE_ID, OWNER_HOST, OWNER_PID, OWNER_STARTED_AT)
                VALUES (?, ?, ?, ?, ?)""", jobExecutionId, jobInstanceId, owner.host(), owner.pid(),
                owner.processStartedAt() == null ? null : Timestamp.from(owner.processStartedAt()));
    }

    public Optional<ExecutionOwner> owner(long jobExecutionId) {
        List<ExecutionOwner> owners = jdbc.query(
                "SELECT OWNER_HOST, OWNER_PID, OWNER_STARTED_AT FROM PURGE_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                (rs, i) -> new ExecutionOwner(rs.getString(1), rs.getLong(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                jobExecutionId);
        return owners.stream().findFirst();
    }

    /** The plan an execution of an apply-plan run applies, for history. */
    public void planApplied(long jobExecutionId, String digest, Path plan) {
        jdbc.update("UPDATE PURGE_EXECUTION SET PLAN_DIGEST = ?, PLAN_FILE = ? WHERE JOB_EXECUTION_ID = ?", digest, plan.toString(),
                jobExecutionId);
    }

    public void reportWritten(long jobExecutionId, Path report) {
        jdbc.update("UPDATE PURGE_EXECUTION SET REPORT_PATH = ? WHERE JOB_EXECUTION_ID = ?", report.toString(), jobExecutionId);
    }

    public Optional<Path> reportPath(long jobExecutionId) {
        return jdbc.queryForList("SELECT REPORT_PATH FROM PURGE_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, jobExecutionId)
                .stream().filter(p -> p != null).findFirst().map(Path::of);
    }
}
