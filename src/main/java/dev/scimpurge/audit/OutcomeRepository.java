package dev.scimpurge.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.lang.Contract;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The per-row outcome table, a hash chain (see {@link OutcomeHash}). Inserts join the caller's transaction (the chunk's). */
@Repository
public class OutcomeRepository {

    static final int MAX_TEXT = 1024;
    static final int MAX_MESSAGE = 2000;

    private static final String REPORTED_OUTCOMES = Arrays.stream(Outcome.values())
            .filter(Outcome::isReported).map(o -> "'" + o.name() + "'").collect(Collectors.joining(", "));

    private final JdbcTemplate jdbc;
    private final OutcomeChain chain;
    private final Clock clock;

    public OutcomeRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.chain = new OutcomeChain(jdbc);
        this.clock = clock;
    }

    /**
     * Appends the outcomes to the hash chain: takes the next OUTCOME_IDs from the chain head
     * (locked until the caller's transaction commits), hashes each row onto the one before it,
     * inserts them and moves the head.
     */
    public void record(long jobInstanceId, long jobExecutionId, List<ItemOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outcomes must be recorded in a transaction: it holds the chain head's lock");
        }
        LocalDateTime recordedAt = OutcomeHash.storable(LocalDateTime.now(clock));
        ChainLink link = chain.lockHead();
        List<OutcomeRow> rows = new ArrayList<>(outcomes.size());
        List<String> hashes = new ArrayList<>(outcomes.size());
        for (ItemOutcome o : outcomes) {
            OutcomeRow row = new OutcomeRow(link.outcomeId() + 1, jobInstanceId, jobExecutionId, o.seq(), o.lineNo(),
                    clip(o.inputValue(), MAX_TEXT), clip(o.accountId(), MAX_TEXT), o.outcome().name(), o.reason(),
                    o.httpStatus(), clip(o.message(), MAX_MESSAGE), recordedAt);
            link = new ChainLink(row.outcomeId(), OutcomeHash.of(link.hash(), row));
            rows.add(row);
            hashes.add(link.hash());
        }
        jdbc.batchUpdate("""
                INSERT INTO PURGE_OUTCOME (OUTCOME_ID, JOB_INSTANCE_ID, JOB_EXECUTION_ID, SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID,
                    OUTCOME, REASON, HTTP_STATUS, MESSAGE, RECORDED_AT, ROW_HASH)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                OutcomeRow row = rows.get(i);
                ps.setLong(1, row.outcomeId());
                ps.setLong(2, row.jobInstanceId());
                ps.setLong(3, row.jobExecutionId());
                ps.setLong(4, row.seq());
                ps.setObject(5, row.lineNo(), Types.BIGINT);
                ps.setString(6, row.inputValue());
                ps.setString(7, row.accountId());
                ps.setString(8, row.outcome());
                ps.setString(9, row.reason());
                ps.setObject(10, row.httpStatus(), Types.INTEGER);
                ps.setString(11, row.message());
                ps.setObject(12, row.recordedAt());
                ps.setString(13, hashes.get(i));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
        chain.advanceHead(link);
    }

    /** The rows of a job instance by outcome; an outcome this version does not know is counted under its own name. */
    public OutcomeCounts counts(long jobInstanceId) {
        return counts(jdbc, "JOB_INSTANCE_ID", jobInstanceId);
    }

    /** The rows whose {@code idColumn} (JOB_INSTANCE_ID or JOB_EXECUTION_ID) is {@code id}, by outcome. */
    static OutcomeCounts counts(JdbcTemplate jdbc, String idColumn, long id) {
        Map<String, Long> stored = new HashMap<>();
        jdbc.query("SELECT OUTCOME, COUNT(*) FROM PURGE_OUTCOME WHERE " + idColumn + " = ? GROUP BY OUTCOME",
                (RowCallbackHandler) rs -> stored.put(rs.getString(1), rs.getLong(2)), id);
        return OutcomeCounts.ofStored(stored);
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

    @Contract("null, _ -> null; !null, _ -> !null")
    static @Nullable String clip(@Nullable String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }
}
