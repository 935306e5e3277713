package dev.scimpurge.audit;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The per-row outcome table. Inserts join the caller's transaction (the chunk's). */
@Repository
public class OutcomeRepository {

    static final int MAX_TEXT = 1024;
    static final int MAX_MESSAGE = 2000;

    private static final String REPORTED_OUTCOMES = Arrays.stream(Outcome.values())
            .filter(Outcome::isReported).map(o -> "'" + o.name() + "'").collect(Collectors.joining(", "));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public OutcomeRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(long jobInstanceId, long jobExecutionId, List<ItemOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate("""
                INSERT INTO PURGE_OUTCOME (JOB_INSTANCE_ID, JOB_EXECUTION_ID, SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID,
                    OUTCOME, REASON, HTTP_STATUS, MESSAGE, RECORDED_AT)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", outcomes, outcomes.size(), (ps, o) -> {
            ps.setLong(1, jobInstanceId);
            ps.setLong(2, jobExecutionId);
            ps.setLong(3, o.seq());
            ps.setObject(4, o.lineNo(), Types.BIGINT);
            ps.setString(5, clip(o.inputValue(), MAX_TEXT));
            ps.setString(6, clip(o.accountId(), MAX_TEXT));
            ps.setString(7, o.outcome().name());
            ps.setString(8, o.reason());
            ps.setObject(9, o.httpStatus(), Types.INTEGER);
            ps.setString(10, clip(o.message(), MAX_MESSAGE));
            ps.setTimestamp(11, now);
        });
    }

    public OutcomeCounts counts(long jobInstanceId) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        jdbc.query("SELECT OUTCOME, COUNT(*) FROM PURGE_OUTCOME WHERE JOB_INSTANCE_ID = ? GROUP BY OUTCOME",
                rs -> {
                    counts.put(Outcome.valueOf(rs.getString(1)), rs.getLong(2));
                }, jobInstanceId);
        return new OutcomeCounts(counts);
    }

    /** Streams the reported (failed, not found) rows of a job instance in input order. */
    public void forEachReported(long jobInstanceId, Consumer<RecordedOutcome> action) {
        jdbc.query("""
                SELECT JOB_EXECUTION_ID, SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID, OUTCOME, REASON, HTTP_STATUS, MESSAGE, RECORDED_AT
                FROM PURGE_OUTCOME WHERE JOB_INSTANCE_ID = ? AND OUTCOME IN (%s) ORDER BY SEQ""".formatted(REPORTED_OUTCOMES),
                rs -> {
                    action.accept(new RecordedOutcome(rs.getLong(1),
                            new ItemOutcome(rs.getLong(2), (Long) rs.getObject(3, Long.class), rs.getString(4),
                                    rs.getString(5), Outcome.valueOf(rs.getString(6)), rs.getString(7),
                                    (Integer) rs.getObject(8, Integer.class), rs.getString(9)),
                            rs.getTimestamp(10).toInstant()));
                }, jobInstanceId);
    }

    static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }
}
