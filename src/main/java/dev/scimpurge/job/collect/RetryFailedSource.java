package dev.scimpurge.job.collect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.PurgeJobParameters;

/**
 * A retry run's rows: those of an earlier run that ended {@code FAILED} or {@code NOT_REMOVED} (and, if asked, {@code NOT_FOUND}) by the end of
 * the given execution, read from the outcome table. A row is taken up by the account id it resolved to where it had one,
 * else by its address, which is looked up again; a row with neither (an invalid line, say) cannot be retried and is
 * recorded failed again, so that every row of the retry ends in an outcome of its own.
 * <p>
 * A row that failed with no readable answer to its removal (which may have happened) keeps the earlier run's record of
 * having sent it: a 404 in the retry then means "already gone", and a protection added since reports it, as in a
 * continuation of that run.
 */
public final class RetryFailedSource implements CandidateSource {

    private static final int FETCH = 1000;

    private final JdbcTemplate jdbc;
    private final PurgeJobParameters.Retry retry;

    public RetryFailedSource(JdbcTemplate jdbc, PurgeJobParameters.Retry retry) {
        this.jdbc = jdbc;
        this.retry = retry;
    }

    @Override
    public void readInto(CollectedRows rows) {
        // a removal that answered success but left the account (not_removed) is a failure to retry like any other
        String outcomes = retry.includeNotFound() ? "'FAILED', 'NOT_REMOVED', 'NOT_FOUND'" : "'FAILED', 'NOT_REMOVED'";
        jdbc.query(connection -> {
            // the rows the run had settled by the end of that execution: its own and those of the executions it continued
            PreparedStatement select = connection.prepareStatement("""
                    SELECT o.INPUT_VALUE, o.ACCOUNT_ID FROM PURGE_OUTCOME o
                    WHERE o.JOB_INSTANCE_ID = (SELECT e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e WHERE e.JOB_EXECUTION_ID = ?)
                    AND o.JOB_EXECUTION_ID <= ? AND o.OUTCOME IN (""" + outcomes + ") ORDER BY o.SEQ");
            select.setLong(1, retry.executionId());
            select.setLong(2, retry.executionId());
            select.setFetchSize(FETCH);
            return select;
        }, (ResultSet rs) -> {
            String input = rs.getString(1);
            String accountId = rs.getString(2);
            if (accountId != null) {
                rows.accept(null, input == null ? accountId : input, accountId, accountId, List.of());
            } else if (input != null && EmailAddress.isValid(input.strip())) {
                rows.accept(null, input, input.strip().toLowerCase(Locale.ROOT), null, List.of());
            } else {
                rows.reject(null, input, Reasons.NOT_RETRYABLE, "execution " + retry.executionId()
                        + " resolved no account for this row and it is not an address; correct the input and purge it as a new run");
            }
        });
        carryOverSentRemovals(rows);
    }

    /**
     * Copies the earlier run's record of removals sent, for the retried accounts whose removal may have happened: no
     * answer, an unreadable one, or a success the read-back did not see (not_removed: a service may show it late).
     */
    private void carryOverSentRemovals(CollectedRows rows) {
        rows.flush();
        jdbc.update("""
                INSERT INTO PURGE_REMOVAL_ATTEMPT (JOB_INSTANCE_ID, SEQ, ACCOUNT_ID, JOB_EXECUTION_ID, SENT_AT)
                SELECT ?, c.SEQ, c.ACCOUNT_ID, ?, MIN(a.SENT_AT) FROM PURGE_CANDIDATE c
                JOIN PURGE_OUTCOME o ON o.JOB_INSTANCE_ID = (SELECT e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e WHERE e.JOB_EXECUTION_ID = ?)
                    AND o.ACCOUNT_ID = c.ACCOUNT_ID AND o.JOB_EXECUTION_ID <= ?
                    AND (o.OUTCOME = 'FAILED' AND o.REASON IN (?, ?) OR o.OUTCOME = 'NOT_REMOVED')
                JOIN PURGE_REMOVAL_ATTEMPT a ON a.JOB_INSTANCE_ID = o.JOB_INSTANCE_ID AND a.SEQ = o.SEQ
                WHERE c.JOB_INSTANCE_ID = ?
                GROUP BY c.SEQ, c.ACCOUNT_ID""", rows.jobInstanceId(), rows.jobExecutionId(), retry.executionId(), retry.executionId(),
                Reasons.NO_ANSWER, Reasons.BAD_RESPONSE, rows.jobInstanceId());
    }

    @Override
    public String describe() {
        return "the " + (retry.includeNotFound() ? "failed and not-found" : "failed") + " rows of execution " + retry.executionId();
    }
}
