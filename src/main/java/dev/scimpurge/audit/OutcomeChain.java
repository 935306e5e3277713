package dev.scimpurge.audit;

import java.sql.Timestamp;
import java.time.LocalDateTime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two ends of the outcome hash chain. The head (PURGE_OUTCOME_CHAIN_HEAD) is the last row
 * recorded; every insert locks it FOR UPDATE in its own transaction, so processes sharing the
 * database append one at a time, in OUTCOME_ID order. The anchor (PURGE_OUTCOME_CHAIN_ANCHOR) is
 * the last row pruned: the remaining rows chain from its hash.
 */
public final class OutcomeChain {

    private final JdbcTemplate jdbc;

    public OutcomeChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The head, locked until the caller's transaction ends. */
    public ChainLink lockHead() {
        return jdbc.queryForObject("SELECT LAST_OUTCOME_ID, LAST_HASH FROM PURGE_OUTCOME_CHAIN_HEAD WHERE HEAD_ID = 1 FOR UPDATE",
                (rs, i) -> new ChainLink(rs.getLong(1), rs.getString(2)));
    }

    public void advanceHead(ChainLink last) {
        jdbc.update("UPDATE PURGE_OUTCOME_CHAIN_HEAD SET LAST_OUTCOME_ID = ?, LAST_HASH = ? WHERE HEAD_ID = 1",
                last.outcomeId(), last.hash());
    }

    /** The anchor, locked until the caller's transaction ends, so that two prunes do not interleave. */
    public ChainLink lockAnchor() {
        return jdbc.queryForObject(
                "SELECT LAST_PRUNED_OUTCOME_ID, LAST_PRUNED_HASH FROM PURGE_OUTCOME_CHAIN_ANCHOR WHERE ANCHOR_ID = 1 FOR UPDATE",
                (rs, i) -> new ChainLink(rs.getLong(1), rs.getString(2)));
    }

    public void moveAnchor(ChainLink lastPruned, long prunedRows, LocalDateTime prunedAt) {
        jdbc.update("""
                UPDATE PURGE_OUTCOME_CHAIN_ANCHOR SET LAST_PRUNED_OUTCOME_ID = ?, LAST_PRUNED_HASH = ?,
                    PRUNED_ROWS = PRUNED_ROWS + ?, PRUNED_AT = ?
                WHERE ANCHOR_ID = 1""", lastPruned.outcomeId(), lastPruned.hash(), prunedRows, Timestamp.valueOf(prunedAt));
    }

    /** Anchor and head read in one statement, so that they belong to the same moment. */
    public ChainEnds ends() {
        return jdbc.queryForObject("""
                SELECT a.LAST_PRUNED_OUTCOME_ID, a.LAST_PRUNED_HASH, a.PRUNED_ROWS, h.LAST_OUTCOME_ID, h.LAST_HASH
                FROM PURGE_OUTCOME_CHAIN_ANCHOR a CROSS JOIN PURGE_OUTCOME_CHAIN_HEAD h
                WHERE a.ANCHOR_ID = 1 AND h.HEAD_ID = 1""",
                (rs, i) -> new ChainEnds(new ChainLink(rs.getLong(1), rs.getString(2)), rs.getLong(3),
                        new ChainLink(rs.getLong(4), rs.getString(5))));
    }

    /** @param prunedRows how many rows pruning has removed from the start of the chain, ever */
    public record ChainEnds(ChainLink anchor, long prunedRows, ChainLink head) {
    }
}
