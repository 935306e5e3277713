package dev.scimpurge.job.collect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.audit.Reasons;

/** The PURGE_CANDIDATE table: the rows a job instance will act on, written before anything is removed. */
@Repository
public class CandidateTable {

    /**
     * Candidates without an outcome. A row with an outcome was committed by an earlier chunk; skipping those
     * keeps a restart right even without the reader's saved position, which Spring Batch 6 persists only at
     * a step's first commit: a restart killed before it would otherwise start again from the first row.
     * One parameter: the job instance.
     */
    private static final String UNSETTLED_WHERE = "JOB_INSTANCE_ID = ? AND NOT EXISTS "
            + "(SELECT 1 FROM PURGE_OUTCOME o WHERE o.JOB_INSTANCE_ID = PURGE_CANDIDATE.JOB_INSTANCE_ID AND o.SEQ = PURGE_CANDIDATE.SEQ)";
    /** Which candidates the remove step removes: resolved to an account and not settled otherwise (protected, duplicate, ...). */
    private static final String PLANNED_WHERE = UNSETTLED_WHERE + " AND ACCOUNT_ID IS NOT NULL";
    private static final String COLUMNS = "SEQ, LINE_NO, INPUT_VALUE, MATCH_KEY, ACCOUNT_ID, ACCOUNT_NAMES, LAST_MODIFIED, ACCOUNT_ACTIVE";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM PURGE_CANDIDATE WHERE ";
    private static final RowMapper<Candidate> ROW_MAPPER = (rs, i) -> new Candidate(rs.getLong(1), rs.getObject(2, Long.class),
            rs.getString(3), rs.getString(4), rs.getString(5), AccountNames.decode(rs.getString(6)),
            instant(rs.getObject(7, OffsetDateTime.class)), rs.getObject(8, Boolean.class));
    private static final String PLANNED_SELECT = SELECT + PLANNED_WHERE;
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final OutcomeRepository outcomes;

    public CandidateTable(JdbcTemplate jdbc, OutcomeRepository outcomes) {
        this.jdbc = jdbc;
        this.outcomes = outcomes;
    }

    public void insert(long jobInstanceId, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO PURGE_CANDIDATE (JOB_INSTANCE_ID, SEQ, LINE_NO, INPUT_VALUE, MATCH_KEY, ACCOUNT_ID, ACCOUNT_NAMES, LAST_MODIFIED,
                    ACCOUNT_ACTIVE)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", candidates, candidates.size(), (ps, c) -> {
            ps.setLong(1, jobInstanceId);
            ps.setLong(2, c.seq());
            ps.setObject(3, c.lineNo(), Types.BIGINT);
            ps.setString(4, c.inputValue());
            ps.setString(5, c.matchKey());
            ps.setString(6, c.accountId());
            ps.setString(7, AccountNames.encode(c.accountNames()));
            ps.setObject(8, c.lastModified() == null ? null : c.lastModified().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(9, c.active(), Types.BOOLEAN);
        });
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /**
     * Whether this instance's collection committed already. It commits whole, in one transaction,
     * so any row means all of them: a process that died after that commit but before the step was
     * marked complete leaves a list that a restart keeps (deleting its outcomes would break the
     * outcome chain).
     */
    public boolean isCollected(long jobInstanceId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT CASE WHEN EXISTS (SELECT 1 FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ?)
                    OR EXISTS (SELECT 1 FROM PURGE_OUTCOME WHERE JOB_INSTANCE_ID = ?) THEN TRUE ELSE FALSE END""",
                Boolean.class, jobInstanceId, jobInstanceId));
    }

    /**
     * Turns every candidate whose match key already appeared earlier in the input into a
     * DUPLICATE outcome naming the first occurrence, and removes it from the candidates. One pass
     * over the (match key, seq) index: the first row of each key is its first occurrence, so
     * neither memory nor time grows faster than the input (a per-row MIN subquery made a file
     * repeating a few addresses a million times quadratic). Duplicates are recorded in batches,
     * through the outcome chain.
     */
    public int moveDuplicatesToOutcomes(long jobInstanceId, long jobExecutionId) {
        List<ItemOutcome> batch = new ArrayList<>(BATCH);
        int[] moved = {0};
        FirstOccurrence first = new FirstOccurrence();
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("""
                    SELECT SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID, MATCH_KEY FROM PURGE_CANDIDATE
                    WHERE JOB_INSTANCE_ID = ? ORDER BY MATCH_KEY, SEQ""");
            select.setLong(1, jobInstanceId);
            select.setFetchSize(BATCH);
            return select;
        }, (ResultSet rs) -> {
            long seq = rs.getLong(1);
            Long line = rs.getObject(2, Long.class);
            String key = rs.getString(5);
            if (!key.equals(first.key)) {
                first.key = key;
                first.description = line != null ? "line " + line : "row " + seq;
                return;
            }
            batch.add(new ItemOutcome(seq, line, rs.getString(3), rs.getString(4),
                    Outcome.DUPLICATE, Reasons.DUPLICATE_ROW, null, "duplicate of " + first.description + "; processed once there"));
            if (batch.size() == BATCH) {
                moved[0] += record(jobInstanceId, jobExecutionId, batch);
            }
        });
        moved[0] += record(jobInstanceId, jobExecutionId, batch);
        return moved[0];
    }

    /** The first row of the match key the cursor is on. */
    private static final class FirstOccurrence {
        private @Nullable String key;
        private @Nullable String description;
    }

    /** Records a batch of duplicates and takes them out of the candidates (rows the cursor has passed already). */
    private int record(long jobInstanceId, long jobExecutionId, List<ItemOutcome> batch) {
        int size = batch.size();
        outcomes.record(jobInstanceId, jobExecutionId, batch);
        jdbc.batchUpdate("DELETE FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ? AND SEQ = ?",
                batch.stream().map(duplicate -> new Object[] {jobInstanceId, duplicate.seq()}).toList());
        batch.clear();
        return size;
    }

    /**
     * The resolve step: records the account a candidate resolved to, with the names it was found by; the remove step
     * removes the planned candidates.
     */
    /** A candidate resolved to the account it is to remove. */
    public record Planned(long seq, String accountId, List<String> accountNames) {
    }

    /** Stores each candidate's account: the plan. One batch per chunk. */
    public void plan(long jobInstanceId, List<Planned> planned) {
        jdbc.batchUpdate("UPDATE PURGE_CANDIDATE SET ACCOUNT_ID = ?, ACCOUNT_NAMES = ? WHERE JOB_INSTANCE_ID = ? AND SEQ = ?",
                planned.stream().map(p -> new Object[] {p.accountId(), AccountNames.encode(p.accountNames()), jobInstanceId, p.seq()})
                        .toList());
    }

    /**
     * The first candidate (by input order) planned for each of these accounts, by account. One query per chunk: asked row by
     * row, ordered by sequence, H2 kept a plan that walked every earlier row for each row resolved, and planning
     * grew with the square of the input.
     */
    public Map<String, Candidate> firstPlannedFor(long jobInstanceId, Collection<String> accountIds) {
        Map<String, Candidate> first = new HashMap<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(accountIds));
        for (int from = 0; from < distinct.size(); from += BATCH) {
            List<String> some = distinct.subList(from, Math.min(distinct.size(), from + BATCH));
            List<Object> arguments = new ArrayList<>(some.size() + 1);
            arguments.add(jobInstanceId);
            arguments.addAll(some);
            jdbc.query(PLANNED_SELECT + " AND ACCOUNT_ID IN (" + String.join(", ", Collections.nCopies(some.size(), "?")) + ")",
                    ROW_MAPPER, arguments.toArray()).forEach(c -> first.merge(Objects.requireNonNull(c.accountId()), c,
                            (a, b) -> a.seq() <= b.seq() ? a : b));
        }
        return first;
    }

    /** How many candidates are planned for removal: resolved and not settled. */
    public long countPlanned(long jobInstanceId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE " + PLANNED_WHERE, Long.class, jobInstanceId);
        return count == null ? 0 : count;
    }

    /** Up to {@code limit} planned candidates after {@code afterSeq}, in input order. */
    public List<Candidate> plannedPage(long jobInstanceId, long afterSeq, int limit) {
        return page(jdbc, PLANNED_WHERE, jobInstanceId, afterSeq, limit);
    }

    /**
     * Up to {@code limit} rows matching {@code where} after {@code afterSeq}. Ordered by the whole primary key
     * (instance, sequence), so that H2 walks the index instead of sorting every remaining row for each page.
     */
    static List<Candidate> page(JdbcTemplate jdbc, String where, long jobInstanceId, long afterSeq, int limit) {
        return jdbc.query(SELECT + where + " AND SEQ > ? ORDER BY JOB_INSTANCE_ID, SEQ FETCH FIRST " + limit + " ROWS ONLY",
                ROW_MAPPER, jobInstanceId, afterSeq);
    }

    /**
     * A planned candidate of a {@code --deactivated} run with what proves how long it has been deactivated.
     *
     * @param firstSeen when a listing of its target first saw it deactivated (null: no record)
     */
    public record Sighted(Candidate candidate, @Nullable Instant firstSeen) {
    }

    /** Up to {@code limit} planned candidates after {@code afterSeq}, in input order, with when {@code targetKey}'s listings first saw each deactivated. */
    public List<Sighted> plannedSightedPage(long jobInstanceId, String targetKey, long afterSeq, int limit) {
        return jdbc.query("SELECT " + COLUMNS + ", (SELECT s.FIRST_SEEN_AT FROM PURGE_DEACTIVATION_SEEN s WHERE s.TARGET_KEY = ? "
                + "AND s.ACCOUNT_ID = PURGE_CANDIDATE.ACCOUNT_ID) FROM PURGE_CANDIDATE WHERE " + PLANNED_WHERE
                + " AND SEQ > ? ORDER BY JOB_INSTANCE_ID, SEQ FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> new Sighted(ROW_MAPPER.mapRow(rs, i), instant(rs.getObject(9, OffsetDateTime.class))),
                targetKey, jobInstanceId, afterSeq);
    }

    /** Sets until when each of these rows (by SEQ) is deferred; null: not deferred. */
    public void deferUntil(long jobInstanceId, List<Long> seqs, List<Instant> until) {
        List<Object[]> rows = new ArrayList<>(seqs.size());
        for (int i = 0; i < seqs.size(); i++) {
            rows.add(new Object[] {until.get(i) == null ? null : until.get(i).atOffset(ZoneOffset.UTC), jobInstanceId, seqs.get(i)});
        }
        jdbc.batchUpdate("UPDATE PURGE_CANDIDATE SET DEFERRED_UNTIL = ? WHERE JOB_INSTANCE_ID = ? AND SEQ = ?", rows,
                new int[] {Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT, Types.BIGINT});
    }

    /** No row of the instance is deferred (a run without a grace period, or a continuation that dropped it). */
    public void clearDeferrals(long jobInstanceId) {
        jdbc.update("UPDATE PURGE_CANDIDATE SET DEFERRED_UNTIL = NULL WHERE JOB_INSTANCE_ID = ? AND DEFERRED_UNTIL IS NOT NULL", jobInstanceId);
    }

    /** How many planned candidates are not deferred: the removals the guards weigh. */
    public long countEligible(long jobInstanceId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE " + PLANNED_WHERE
                + " AND DEFERRED_UNTIL IS NULL", Long.class, jobInstanceId);
        return count == null ? 0 : count;
    }

    /** Up to {@code limit} planned candidates after {@code afterSeq} that are deferred, with until when. */
    public List<Deferred> deferredPage(long jobInstanceId, long afterSeq, int limit) {
        return jdbc.query("SELECT " + COLUMNS + ", DEFERRED_UNTIL FROM PURGE_CANDIDATE WHERE " + PLANNED_WHERE
                + " AND DEFERRED_UNTIL IS NOT NULL AND SEQ > ? ORDER BY JOB_INSTANCE_ID, SEQ FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> new Deferred(ROW_MAPPER.mapRow(rs, i), Objects.requireNonNull(instant(rs.getObject(9, OffsetDateTime.class)))),
                jobInstanceId, afterSeq);
    }

    /** A planned candidate the grace period holds back until {@code until}. */
    public record Deferred(Candidate candidate, Instant until) {
    }

    /** The resolve step's reader: the candidates without an outcome, {@code pageSize} at a time, in input order. */
    public CandidatePageReader unsettledReader(long jobInstanceId, int pageSize) {
        return new CandidatePageReader("candidates", jdbc, UNSETTLED_WHERE, jobInstanceId, pageSize);
    }

    /** The remove step's reader: the planned candidates, {@code pageSize} at a time, in input order. */
    public CandidatePageReader plannedReader(long jobInstanceId, int pageSize) {
        return new CandidatePageReader("planned", jdbc, PLANNED_WHERE, jobInstanceId, pageSize);
    }
}
