package dev.scimpurge.job.collect;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The PURGE_CANDIDATE table: the rows a job instance will act on, written before anything is removed. */
@Repository
public class CandidateTable {

    /** Which candidates the remove step removes: resolved to an account and not settled otherwise (protected, duplicate, ...). */
    public static final String PLANNED_WHERE = "JOB_INSTANCE_ID = :jobInstanceId AND ACCOUNT_ID IS NOT NULL AND NOT EXISTS "
            + "(SELECT 1 FROM PURGE_OUTCOME o WHERE o.JOB_INSTANCE_ID = PURGE_CANDIDATE.JOB_INSTANCE_ID AND o.SEQ = PURGE_CANDIDATE.SEQ)";
    public static final String COLUMNS = "SEQ, LINE_NO, INPUT_VALUE, MATCH_KEY, ACCOUNT_ID";
    public static final RowMapper<Candidate> ROW_MAPPER = (rs, i) -> new Candidate(rs.getLong(1), rs.getObject(2, Long.class),
            rs.getString(3), rs.getString(4), rs.getString(5));
    private static final String PLANNED_SELECT = "SELECT " + COLUMNS + " FROM PURGE_CANDIDATE WHERE "
            + PLANNED_WHERE.replace(":jobInstanceId", "?");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CandidateTable(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void insert(long jobInstanceId, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO PURGE_CANDIDATE (JOB_INSTANCE_ID, SEQ, LINE_NO, INPUT_VALUE, MATCH_KEY, ACCOUNT_ID)
                VALUES (?, ?, ?, ?, ?, ?)""", candidates, candidates.size(), (ps, c) -> {
            ps.setLong(1, jobInstanceId);
            ps.setLong(2, c.seq());
            ps.setObject(3, c.lineNo(), Types.BIGINT);
            ps.setString(4, c.inputValue());
            ps.setString(5, c.matchKey());
            ps.setString(6, c.accountId());
        });
    }

    /** Forgets what an earlier, failed collection of this instance left behind. */
    public void clear(long jobInstanceId) {
        jdbc.update("DELETE FROM PURGE_OUTCOME WHERE JOB_INSTANCE_ID = ?", jobInstanceId);
        jdbc.update("DELETE FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ?", jobInstanceId);
    }

    /**
     * Turns every candidate whose match key already appeared earlier in the input into a
     * DUPLICATE outcome naming the first occurrence, and removes it from the candidates.
     * Done in SQL so that memory does not grow with the input.
     */
    public int moveDuplicatesToOutcomes(long jobInstanceId, long jobExecutionId) {
        int moved = jdbc.update("""
                INSERT INTO PURGE_OUTCOME (JOB_INSTANCE_ID, JOB_EXECUTION_ID, SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID,
                    OUTCOME, REASON, HTTP_STATUS, MESSAGE, RECORDED_AT)
                SELECT c.JOB_INSTANCE_ID, ?, c.SEQ, c.LINE_NO, c.INPUT_VALUE, c.ACCOUNT_ID, 'DUPLICATE', 'duplicate_row', NULL,
                    'duplicate of ' || COALESCE('line ' || CAST(f.LINE_NO AS VARCHAR(20)), 'row ' || CAST(f.SEQ AS VARCHAR(20)))
                        || '; processed once there', ?
                FROM PURGE_CANDIDATE c
                JOIN PURGE_CANDIDATE f ON f.JOB_INSTANCE_ID = c.JOB_INSTANCE_ID AND f.MATCH_KEY = c.MATCH_KEY
                    AND f.SEQ = (SELECT MIN(m.SEQ) FROM PURGE_CANDIDATE m
                                 WHERE m.JOB_INSTANCE_ID = c.JOB_INSTANCE_ID AND m.MATCH_KEY = c.MATCH_KEY)
                WHERE c.JOB_INSTANCE_ID = ? AND c.SEQ > f.SEQ""",
                jobExecutionId, Timestamp.from(clock.instant()), jobInstanceId);
        if (moved > 0) {
            jdbc.update("""
                    DELETE FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ? AND SEQ IN (
                        SELECT SEQ FROM PURGE_OUTCOME WHERE JOB_INSTANCE_ID = ? AND OUTCOME = 'DUPLICATE')""",
                    jobInstanceId, jobInstanceId);
        }
        return moved;
    }

    /** The resolve step: records the account a candidate resolved to; the remove step removes the planned candidates. */
    public void plan(long jobInstanceId, long seq, String accountId) {
        jdbc.update("UPDATE PURGE_CANDIDATE SET ACCOUNT_ID = ? WHERE JOB_INSTANCE_ID = ? AND SEQ = ?", accountId, jobInstanceId, seq);
    }

    /** The earlier candidate already planned for this account, if any. */
    public Optional<Candidate> firstPlannedFor(long jobInstanceId, String accountId, long seq) {
        return jdbc.query(PLANNED_SELECT + " AND ACCOUNT_ID = ? AND SEQ < ? ORDER BY SEQ FETCH FIRST 1 ROWS ONLY",
                ROW_MAPPER, jobInstanceId, accountId, seq).stream().findFirst();
    }

    /** How many candidates are planned for removal: resolved and not settled. */
    public long countPlanned(long jobInstanceId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE " + PLANNED_WHERE.replace(":jobInstanceId", "?"),
                Long.class, jobInstanceId);
        return count == null ? 0 : count;
    }

    /** Up to {@code limit} planned candidates after {@code afterSeq}, in input order. */
    public List<Candidate> plannedPage(long jobInstanceId, long afterSeq, int limit) {
        return jdbc.query(PLANNED_SELECT + " AND SEQ > ? ORDER BY JOB_INSTANCE_ID, SEQ FETCH FIRST " + limit + " ROWS ONLY",
                ROW_MAPPER, jobInstanceId, afterSeq);
    }

    public long count(long jobInstanceId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ?", Long.class, jobInstanceId);
        return count == null ? 0 : count;
    }
}
