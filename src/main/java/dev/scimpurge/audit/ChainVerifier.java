package dev.scimpurge.audit;

import java.sql.PreparedStatement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

import dev.scimpurge.audit.ChainVerification.Broken;
import dev.scimpurge.audit.ChainVerification.Intact;
import dev.scimpurge.audit.OutcomeChain.ChainEnds;

/**
 * Recomputes the outcome chain from its anchor and compares every ROW_HASH, streaming the rows
 * with a cursor. Rows recorded while it runs (a purge in another process) lie beyond the head it
 * read first and are left for the next verification; a row beyond the head it reads last was
 * written past the chain.
 */
public final class ChainVerifier {

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final OutcomeChain chain;

    public ChainVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.chain = new OutcomeChain(jdbc);
    }

    /** The whole chain, from the anchor to the head. Run it in a transaction: PostgreSQL streams only in one. */
    public ChainVerification verify() {
        ChainEnds ends = chain.ends();
        ChainVerification scanned = verifyThrough(ends, ends.head().outcomeId());
        if (scanned instanceof Broken) {
            return scanned;
        }
        Intact intact = (Intact) scanned;
        if (!intact.head().equals(ends.head())) {
            return endMismatch(ends.head(), intact);
        }
        Long outside = jdbc.queryForObject("""
                SELECT MIN(OUTCOME_ID) FROM PURGE_OUTCOME
                WHERE OUTCOME_ID > (SELECT LAST_OUTCOME_ID FROM PURGE_OUTCOME_CHAIN_HEAD WHERE HEAD_ID = 1)""", Long.class);
        if (outside != null) {
            return brokenAt(outside, "it lies beyond the chain's head: it was written without going through the chain",
                    intact.rows());
        }
        return intact;
    }

    /**
     * The rows after the anchor up to {@code lastOutcomeId}, with the link of the last one in
     * {@link Intact#head()}. Also fails when a row lies at or before the anchor.
     */
    public ChainVerification verifyThrough(ChainEnds ends, long lastOutcomeId) {
        ChainLink anchor = ends.anchor();
        if (!OutcomeHash.isWellFormed(anchor.hash())) {
            return new Broken(anchor.outcomeId(), null, null, "the chain's anchor (PURGE_OUTCOME_CHAIN_ANCHOR) holds no valid hash", 0);
        }
        Long beforeAnchor = jdbc.queryForObject("SELECT MIN(OUTCOME_ID) FROM PURGE_OUTCOME WHERE OUTCOME_ID <= ?",
                Long.class, anchor.outcomeId());
        if (beforeAnchor != null) {
            return brokenAt(beforeAnchor, "it lies before the chain's anchor: rows up to outcome id " + anchor.outcomeId()
                    + " were pruned", 0);
        }
        return jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("SELECT " + OutcomeRow.COLUMNS
                    + " FROM PURGE_OUTCOME WHERE OUTCOME_ID > ? AND OUTCOME_ID <= ? ORDER BY OUTCOME_ID");
            select.setLong(1, anchor.outcomeId());
            select.setLong(2, lastOutcomeId);
            select.setFetchSize(FETCH_SIZE);
            return select;
        }, (ResultSetExtractor<ChainVerification>) rs -> {
            ChainLink link = anchor;
            long rows = 0;
            while (rs.next()) {
                OutcomeRow row = OutcomeRow.read(rs);
                String stored = OutcomeRow.readHash(rs);
                String expected = OutcomeHash.of(link.hash(), row);
                if (!expected.equals(stored)) {
                    String problem = stored == null
                            ? "it has no ROW_HASH: it was written without going through the chain"
                            : "its ROW_HASH does not match its fields and the row before it: "
                                    + "this row was changed, or a row before it was changed or removed";
                    return new Broken(row.outcomeId(), row.jobExecutionId(), row.inputValue(), problem, rows);
                }
                link = new ChainLink(row.outcomeId(), stored);
                rows++;
            }
            return new Intact(rows, anchor, ends.prunedRows(), link);
        });
    }

    private static Broken endMismatch(ChainLink head, Intact scanned) {
        if (scanned.head().outcomeId() != head.outcomeId()) {
            return new Broken(head.outcomeId(), null, null, "the chain's head records outcome id " + head.outcomeId()
                    + " as the last row, but the rows end at " + scanned.head().outcomeId() + ": rows were removed from the end",
                    scanned.rows());
        }
        return new Broken(head.outcomeId(), null, null, "the chain's head (PURGE_OUTCOME_CHAIN_HEAD) does not hold the last row's hash",
                scanned.rows());
    }

    private Broken brokenAt(long outcomeId, String problem, long rowsVerified) {
        return jdbc.query("SELECT JOB_EXECUTION_ID, INPUT_VALUE FROM PURGE_OUTCOME WHERE OUTCOME_ID = ?",
                (ResultSetExtractor<Broken>) rs -> rs.next()
                        ? new Broken(outcomeId, rs.getLong(1), rs.getString(2), problem, rowsVerified)
                        : new Broken(outcomeId, null, null, problem, rowsVerified),
                outcomeId);
    }
}
