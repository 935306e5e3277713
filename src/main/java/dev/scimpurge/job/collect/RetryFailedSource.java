package dev.scimpurge.job.collect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.PurgeJobParameters;

/**
 * A retry run's rows: those of an earlier run that ended {@code FAILED} (and, if asked, {@code NOT_FOUND}) by the end of
 * the given execution, read from the outcome table. A row is taken up by the account id it resolved to where it had one,
 * else by its address, which is looked up again; a row with neither (an invalid line, say) cannot be retried and is
 * recorded failed again, so that every row of the retry ends in an outcome of its own.
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
        String outcomes = retry.includeNotFound() ? "'FAILED', 'NOT_FOUND'" : "'FAILED'";
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
    }

    @Override
    public String describe() {
        return "the " + (retry.includeNotFound() ? "failed and not-found" : "failed") + " rows of execution " + retry.executionId();
    }
}
