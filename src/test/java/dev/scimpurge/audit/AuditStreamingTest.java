package dev.scimpurge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * {@code audit} over a few hundred thousand rows. Memory stays flat by construction: rows come
 * from a cursor (fetch size 1000) into a RowCallbackHandler that writes each one out at once, and
 * nothing collects them. What a test can check is that each row is written while the result set
 * is still being read, and that every row arrives once and in order; this one does both, with a
 * writer that keeps only the line it is on.
 */
class AuditStreamingTest {

    private static final int ROWS = 300_000;

    @TempDir
    Path dir;

    @Test
    void streamsHundredsOfThousandsOfRowsAsTheyAreRead() {
        Workspace workspace = new Workspace(dir);
        assertThat(workspace.purge("--sandbox", "--deactivated", "--sandbox-users", "10").exitCode()).isEqualTo(ExitCodes.SUCCESS);
        long before = workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME");
        workspace.sql("""
                INSERT INTO PURGE_OUTCOME (OUTCOME_ID, JOB_INSTANCE_ID, JOB_EXECUTION_ID, SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID,
                    OUTCOME, REASON, HTTP_STATUS, MESSAGE, RECORDED_AT)
                SELECT 1000 + X, 77, 77, X, X + 1, 'user' || X || '@bulk.test', 'acct-' || X,
                    CASE WHEN MOD(X, 10) = 0 THEN 'FAILED' ELSE 'DELETED' END, 'removed', 204, '=formula, "quoted"',
                    TIMESTAMP '2026-01-01 00:00:00'
                FROM SYSTEM_RANGE(1, ?)""", ROWS);

        LineCheckingWriter csv = new LineCheckingWriter();
        CliResult all = workspace.run(csv, "audit", "--format", "csv", "--db", workspace.database().toString());

        assertThat(all.exitCode()).as(all.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(csv.dataLines).isEqualTo(before + ROWS);
        assertThat(csv.outOfOrder).as("rows arrive once each, in outcome id order").isZero();
        assertThat(csv.lastOutcomeId).isEqualTo(1000 + ROWS);
        assertThat(csv.linesWrittenOutsideTheQuery).as("every row is written while the result set is read").isZero();
        assertThat(csv.unquotedFormulas).isZero();

        LineCheckingWriter failed = new LineCheckingWriter();
        workspace.run(failed, "audit", "--execution", "77", "--outcome", "failed", "--format", "csv",
                "--db", workspace.database().toString());
        assertThat(failed.dataLines).isEqualTo(ROWS / 10);

        CliResult one = workspace.onDatabase(List.of("audit"), "--email", "USER123456@bulk.test", "--format", "json");
        assertThat(one.out().lines().filter(line -> line.startsWith("{"))).hasSize(1).first().asString()
                .contains("\"outcome_id\":124456", "\"input\":\"user123456@bulk.test\"");
    }

    /** Checks CSV lines as they are written and keeps only the current one. */
    private static final class LineCheckingWriter extends Writer {

        private final StringBuilder line = new StringBuilder();
        private boolean header = true;
        private long dataLines;
        private long lastOutcomeId;
        private long outOfOrder;
        private long linesWrittenOutsideTheQuery;
        private long unquotedFormulas;

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    endLine();
                } else {
                    line.append(buffer[i]);
                }
            }
        }

        private void endLine() {
            if (header) {
                header = false;
            } else {
                dataLines++;
                long outcomeId = Long.parseLong(line.substring(0, line.indexOf(",")));
                outOfOrder += outcomeId > lastOutcomeId ? 0 : 1;
                lastOutcomeId = outcomeId;
                if (dataLines % 10_000 == 1 && !insideTheQuery()) {
                    linesWrittenOutsideTheQuery++;
                }
                if (line.indexOf(",=") >= 0 || line.indexOf(",\"=") >= 0) {
                    unquotedFormulas++;
                }
            }
            line.setLength(0);
        }

        private static boolean insideTheQuery() {
            return Arrays.stream(Thread.currentThread().getStackTrace())
                    .anyMatch(frame -> frame.getClassName().equals("org.springframework.jdbc.core.JdbcTemplate$RowCallbackHandlerResultSetExtractor"));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
