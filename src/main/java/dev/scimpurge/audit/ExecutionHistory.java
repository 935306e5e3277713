package dev.scimpurge.audit;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import dev.scimpurge.job.PurgeJobParameters;

/** Job executions, newest first, with what identifies their run and what each recorded. */
public final class ExecutionHistory {

    /** The job parameter naming the SCIM service's kind; runs from before it existed show {@link #GENERIC_PROVIDER}. */
    static final String PROVIDER = "provider";
    static final String GENERIC_PROVIDER = "generic";
    private static final int SHA256_SHOWN = 12;

    private final JdbcTemplate jdbc;

    public ExecutionHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Streams at most {@code limit} executions, newest first. */
    public void forEachNewestFirst(int limit, Consumer<ExecutionRecord> action) {
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("""
                    SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID, e.START_TIME, e.END_TIME, e.STATUS, x.REPORT_PATH,
                           x.LOOKUP, x.LOOKUP_FILTERS, x.LOOKUP_REASON, x.PLAN_DIGEST, x.PLAN_FILE
                    FROM BATCH_JOB_EXECUTION e
                    LEFT JOIN PURGE_EXECUTION x ON x.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                    ORDER BY e.JOB_EXECUTION_ID DESC
                    FETCH FIRST ? ROWS ONLY""");
            select.setInt(1, limit);
            select.setFetchSize(Math.min(limit, 500));
            return select;
        }, (RowCallbackHandler) rs -> action.accept(toRecord(rs)));
    }

    private ExecutionRecord toRecord(ResultSet rs) throws java.sql.SQLException {
        long execution = rs.getLong(1);
        Map<String, String> parameters = parameters(execution);
        return new ExecutionRecord(execution, rs.getLong(2), parameters.getOrDefault(PROVIDER, GENERIC_PROVIDER),
                parameters.get(PurgeJobParameters.TARGET), describeSource(parameters), rs.getObject(3, LocalDateTime.class),
                rs.getObject(4, LocalDateTime.class), rs.getString(5), OutcomeRepository.counts(jdbc, "JOB_EXECUTION_ID", execution),
                rs.getString(6), rs.getString(7) == null ? null
                        : new ExecutionRecord.Lookup(rs.getString(7), blankToNull(rs.getString(8)), rs.getString(9)),
                rs.getString(10) == null || rs.getString(11) == null ? null : new ExecutionRecord.Plan(rs.getString(10), rs.getString(11)));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private Map<String, String> parameters(long jobExecutionId) {
        Map<String, String> parameters = new HashMap<>();
        jdbc.query("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?",
                (RowCallbackHandler) rs -> parameters.put(rs.getString(1), rs.getString(2)), jobExecutionId);
        return parameters;
    }

    static @Nullable String describeSource(Map<String, String> parameters) {
        String source = parameters.get(PurgeJobParameters.SOURCE);
        String file = parameters.get(PurgeJobParameters.CSV_FILE);
        String retryOf = parameters.get(PurgeJobParameters.RETRY_OF);
        if (retryOf != null) {
            return "retry of " + retryOf + ("true".equals(parameters.get(PurgeJobParameters.INCLUDE_NOT_FOUND)) ? " +not_found" : "");
        }
        if (file == null) {
            return source;
        }
        if ("apply_plan".equals(source)) {
            // the plan's digest is history's plan column: a checksum of the file beside it would be a second, different hash
            Path name = Path.of(file).getFileName();
            return "apply-plan " + (name == null ? file : name.toString());
        }
        if ("keep_only".equals(source)) {
            return "keep-only " + describeFile(parameters, file);
        }
        return describeFile(parameters, file);
    }

    private static String describeFile(Map<String, String> parameters, String file) {
        String sha256 = parameters.getOrDefault(PurgeJobParameters.CSV_SHA256, "");
        Path name = Path.of(file).getFileName();
        return (name == null ? file : name.toString()) + " sha256:" + sha256.substring(0, Math.min(SHA256_SHOWN, sha256.length()));
    }
}
