package dev.scimpurge.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.throughput.LearnedPace;

/**
 * PURGE_TARGET_PACE: the pace learned from each target's 429s, one row per target (keyed as in
 * {@link PurgeTargetLock}). Written in a transaction of its own whenever the pace changes, from whichever thread
 * learned it: a chunk that rolls back, or a run killed after it, keeps what the server's answers taught.
 */
@Repository
public class TargetPaceTable {

    private static final Logger log = LoggerFactory.getLogger(TargetPaceTable.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public TargetPaceTable(JdbcTemplate jdbc, JobDatabaseSchema schema, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The kept pace of {@code target}. */
    public LearnedPace of(ScimBaseUrl target) {
        String key = PurgeTargetLock.key(target);
        return new LearnedPace() {

            @Override
            public double rate() {
                return jdbc.queryForList("SELECT RATE_PER_SECOND FROM PURGE_TARGET_PACE WHERE TARGET_KEY = ?", Double.class, key).stream()
                        .findFirst().orElse(0.0);
            }

            /** A pace that cannot be kept costs the next run a few 429s, not this run: it goes on. */
            @Override
            public void keep(double ratePerSecond) {
                try {
                    ownTransaction.executeWithoutResult(status -> upsert(key, ratePerSecond));
                } catch (DataAccessException e) {
                    log.warn("The pace learned from the server's 429s could not be kept for the next run: {}", e.getMostSpecificCause().getMessage());
                }
            }
        };
    }

    private void upsert(String key, double ratePerSecond) {
        String update = "UPDATE PURGE_TARGET_PACE SET RATE_PER_SECOND = ?, LEARNED_AT = CURRENT_TIMESTAMP WHERE TARGET_KEY = ?";
        if (jdbc.update(update, ratePerSecond, key) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO PURGE_TARGET_PACE (TARGET_KEY, RATE_PER_SECOND, LEARNED_AT) VALUES (?, ?, CURRENT_TIMESTAMP)", key,
                    ratePerSecond);
        } catch (DuplicateKeyException e) {
            jdbc.update(update, ratePerSecond, key);
        }
    }
}
