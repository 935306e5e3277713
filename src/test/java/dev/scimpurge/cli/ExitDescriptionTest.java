package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Spring Batch keeps a failure's stack trace in the exit description; the line a purge prints when it stopped before
 * the end shows what happened, not the frames (SharedH2FileTest met one when the process serving the H2 file ended).
 */
class ExitDescriptionTest {

    @Test
    void theFirstLineAndTheInnermostCauseAreKeptAndNoFrame() {
        String description = """
                Step requested termination: StepExecution: id=11, name=removeAccounts; org.springframework.transaction.TransactionSystemException: Could not roll back JDBC transaction
                \tat org.springframework.jdbc.support.SQLExceptionSubclassTranslator.doTranslate(SQLExceptionSubclassTranslator.java:97)
                \tat dev.scimpurge.ScimPurgeApplication.main(ScimPurgeApplication.java:29)
                Caused by: org.h2.jdbc.JdbcSQLNonTransientConnectionException: Database is already closed [90121-240]
                \tat org.h2.message.DbException.getJdbcSQLException(DbException.java:690)
                \t... 51 more
                """;

        String shown = PurgeRun.withoutStackTrace(description);

        assertThat(shown).doesNotContain("\tat ").doesNotContain("\n").doesNotContain("more")
                .startsWith("Step requested termination: StepExecution: id=11")
                .endsWith("; org.h2.jdbc.JdbcSQLNonTransientConnectionException: Database is already closed [90121-240]");
    }

    @Test
    void aDescriptionOfOneLineIsShownAsItIs() {
        assertThat(PurgeRun.withoutStackTrace("Stopped by request")).isEqualTo("Stopped by request");
        assertThat(PurgeRun.withoutStackTrace("")).isEmpty();
    }
}
