package dev.scimpurge.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A PURGE_OUTCOME row as stored, every field that {@link OutcomeHash} covers. {@code outcome} is
 * the stored text, not an {@link Outcome}: an audit must read values this version does not know.
 * {@code recordedAt} is the stored wall-clock value, so it reads back the same in any time zone.
 */
public record OutcomeRow(long outcomeId, long jobInstanceId, long jobExecutionId, long seq, @Nullable Long lineNo,
        String inputValue, @Nullable String accountId, String outcome, @Nullable String reason, @Nullable Integer httpStatus,
        @Nullable String message, @Nullable LocalDateTime recordedAt) {

    /** The columns {@link #read} expects, in its order, followed by ROW_HASH. */
    static final String COLUMNS = "OUTCOME_ID, JOB_INSTANCE_ID, JOB_EXECUTION_ID, SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID, "
            + "OUTCOME, REASON, HTTP_STATUS, MESSAGE, RECORDED_AT, ROW_HASH";

    static OutcomeRow read(ResultSet rs) throws SQLException {
        return new OutcomeRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getObject(5, Long.class),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, Integer.class),
                rs.getString(11), rs.getObject(12, LocalDateTime.class));
    }

    static String readHash(ResultSet rs) throws SQLException {
        return rs.getString(13);
    }
}
