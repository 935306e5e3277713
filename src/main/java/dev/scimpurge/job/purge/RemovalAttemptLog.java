package dev.scimpurge.job.purge;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remembers, durably and before the request leaves, every removal this job instance sends.
 * Written in its own transaction so that it survives the rollback of a chunk that crashed
 * half-way: after a restart, a 404 for an account in this log means "already gone", not
 * "not found", and a row whose removal was sent is not looked up again.
 */
@Repository
public class RemovalAttemptLog {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public RemovalAttemptLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The account this row's removal was sent for, if one was sent. */
    public Optional<String> accountFor(long jobInstanceId, long seq) {
        List<String> ids = jdbc.queryForList(
                "SELECT ACCOUNT_ID FROM PURGE_REMOVAL_ATTEMPT WHERE JOB_INSTANCE_ID = ? AND SEQ = ?",
                String.class, jobInstanceId, seq);
        return ids.stream().findFirst();
    }

    public boolean wasSent(long jobInstanceId, String accountId) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM PURGE_REMOVAL_ATTEMPT WHERE JOB_INSTANCE_ID = ? AND ACCOUNT_ID = ?",
                Integer.class, jobInstanceId, accountId);
        return count != null && count > 0;
    }

    /** Commits at once, whatever the surrounding transaction does later. */
    public void recordSending(long jobInstanceId, long jobExecutionId, long seq, String accountId) {
        ownTransaction.executeWithoutResult(status -> {
            int updated = jdbc.update("""
                    UPDATE PURGE_REMOVAL_ATTEMPT SET ACCOUNT_ID = ?, JOB_EXECUTION_ID = ?, SENT_AT = ?
                    WHERE JOB_INSTANCE_ID = ? AND SEQ = ?""",
                    accountId, jobExecutionId, Timestamp.from(clock.instant()), jobInstanceId, seq);
            if (updated == 0) {
                jdbc.update("""
                        INSERT INTO PURGE_REMOVAL_ATTEMPT (JOB_INSTANCE_ID, SEQ, ACCOUNT_ID, JOB_EXECUTION_ID, SENT_AT)
                        VALUES (?, ?, ?, ?, ?)""",
                        jobInstanceId, seq, accountId, jobExecutionId, Timestamp.from(clock.instant()));
            }
        });
    }
}
