package dev.scimpurge.job.purge;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remembers, durably and before the request leaves, every removal this job instance sends (a
 * chunk's removals are recorded together, before the first of them is sent).
 * Written in its own transaction so that it survives the rollback of a chunk that crashed
 * half-way: after a restart, a 404 for an account in this log means "already gone", not
 * "not found", and a row whose removal was sent is not looked up again. The removals of a failed chunk
 * that surely never left (held back once the server was known to be down) are {@linkplain #withdraw withdrawn}.
 */
@Repository
public class RemovalAttemptLog {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate outsideTransaction;
    private final Clock clock;

    public RemovalAttemptLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.outsideTransaction = new TransactionTemplate(transactionManager);
        this.outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.clock = clock;
    }

    /**
     * The accounts among {@code accountIds} that this job instance has sent a removal for before. Read outside the
     * caller's transaction (what it reads is committed in transactions of its own), so that a chunk's transaction holds
     * no lock on this table while its removals are under way.
     */
    public Set<String> sentAmong(long jobInstanceId, Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Set.of();
        }
        List<Object> arguments = new ArrayList<>(accountIds.size() + 1);
        arguments.add(jobInstanceId);
        arguments.addAll(accountIds);
        return new HashSet<>(Objects.requireNonNull(outsideTransaction.execute(status -> jdbc.queryForList(
                "SELECT ACCOUNT_ID FROM PURGE_REMOVAL_ATTEMPT WHERE JOB_INSTANCE_ID = ? AND ACCOUNT_ID IN ("
                        + String.join(", ", Collections.nCopies(accountIds.size(), "?")) + ")", String.class, arguments.toArray()))));
    }

    /**
     * Records the removals of a chunk that are about to be sent, all in one transaction of their
     * own that commits at once, before the first of them leaves, whatever the chunk's
     * transaction does later.
     */
    public void recordSending(long jobInstanceId, long jobExecutionId, List<Sending> removals) {
        if (removals.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        ownTransaction.executeWithoutResult(status -> {
            jdbc.batchUpdate("DELETE FROM PURGE_REMOVAL_ATTEMPT WHERE JOB_INSTANCE_ID = ? AND SEQ = ?", removals, removals.size(),
                    (ps, removal) -> {
                        ps.setLong(1, jobInstanceId);
                        ps.setLong(2, removal.seq());
                    });
            jdbc.batchUpdate("""
                    INSERT INTO PURGE_REMOVAL_ATTEMPT (JOB_INSTANCE_ID, SEQ, ACCOUNT_ID, JOB_EXECUTION_ID, SENT_AT)
                    VALUES (?, ?, ?, ?, ?)""", removals, removals.size(), (ps, removal) -> {
                ps.setLong(1, jobInstanceId);
                ps.setLong(2, removal.seq());
                ps.setString(3, removal.accountId());
                ps.setLong(4, jobExecutionId);
                ps.setTimestamp(5, now);
            });
        });
    }

    /**
     * Takes back what {@link #recordSending} logged for these rows of this execution, in a transaction of its own: their
     * removals were never sent after all.
     */
    public void withdraw(long jobInstanceId, long jobExecutionId, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        ownTransaction.executeWithoutResult(status -> jdbc.batchUpdate(
                "DELETE FROM PURGE_REMOVAL_ATTEMPT WHERE JOB_INSTANCE_ID = ? AND SEQ = ? AND JOB_EXECUTION_ID = ?", seqs, seqs.size(),
                (ps, seq) -> {
                    ps.setLong(1, jobInstanceId);
                    ps.setLong(2, seq);
                    ps.setLong(3, jobExecutionId);
                }));
    }

    /** The removal of one row's account. */
    public record Sending(long seq, String accountId) {
    }
}
