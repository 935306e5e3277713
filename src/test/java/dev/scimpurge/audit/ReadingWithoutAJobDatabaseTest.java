package dev.scimpurge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.JobStore;
import dev.scimpurge.support.Workspace;

/** history, audit and audit verify where there is no job database: a usage error, and nothing is created. */
class ReadingWithoutAJobDatabaseTest {

    private static final List<List<String>> READERS = List.of(List.of("history"), List.of("audit"), List.of("audit", "verify"),
            List.of("history", "prune", "--before", "2000-01-01"));

    @TempDir
    Path dir;

    @Test
    void aMissingH2FileIsAUsageErrorAndNoDirectoryIsCreated() {
        Workspace workspace = new Workspace(dir);
        Path missing = dir.resolve("elsewhere/none");
        CliResult noDatabase = workspace.run("history", "--db", missing.toString());
        assertThat(noDatabase.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDatabase.err()).contains("no job database at " + missing + ".mv.db");
        assertThat(workspace.run("audit", "verify", "--db", missing.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.getParent()).doesNotExist();

        String h2Url = "jdbc:h2:file:" + missing + ";AUTO_SERVER=TRUE";
        CliResult byUrl = workspace.run("history", "--db-url", h2Url);
        assertThat(byUrl.exitCode()).as(byUrl.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(byUrl.err()).contains("no job database at " + h2Url);
        assertThat(missing.getParent()).as("an H2 URL is not created either").doesNotExist();
    }

    @Test
    void aMissingH2FileIsAUsageErrorWithAServerDatabasesCredentialsInTheEnvironment() {
        Workspace workspace = new Workspace(dir).env("SCIM_PURGE_DB_USER", "scim_purge").env("SCIM_PURGE_DB_PASSWORD", "db-secret-77");
        Path missing = dir.resolve("elsewhere/none");
        for (List<String> reader : READERS) {
            List<String> command = new java.util.ArrayList<>(reader);
            command.addAll(List.of("--db", missing.toString()));
            CliResult result = workspace.run(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).contains("no job database at").doesNotContain("db-secret-77");
        }
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void aServerDatabaseWithoutTheJobTablesIsAUsageErrorAndGetsNone() {
        JobStore empty = JobDatabaseKind.POSTGRESQL.create(dir);
        Workspace workspace = new Workspace(dir, empty);
        for (List<String> reader : READERS) {
            CliResult result = workspace.onDatabase(reader);
            assertThat(result.exitCode()).as(reader + ": " + result).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).as(reader.toString()).contains("no job database at " + empty.url())
                    .contains("has no scim-purge tables");
            assertThat(result.showsStackTrace()).isFalse();
        }
        assertThat(workspace.queryValue(Long.class,
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")).isZero();

        JobStore missing = JobStore.server("PostgreSQL", empty.url() + "_missing", empty.user(), empty.password());
        CliResult noDatabase = new Workspace(dir, missing).onDatabase(List.of("history"));
        assertThat(noDatabase.exitCode()).as(noDatabase.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDatabase.err()).contains("no job database at " + missing.url()).contains("does not exist");
    }

    @Test
    void aServerThatCannotBeReachedIsAFailureThatSaysWhy() {
        Workspace workspace = new Workspace(dir, JobStore.server("PostgreSQL", "jdbc:postgresql://127.0.0.1:1/jobs", "scim_purge",
                "db-secret-91"));

        CliResult history = workspace.onDatabase(List.of("history"));

        assertThat(history.exitCode()).as(history.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(history.err()).contains("cannot read the job database at jdbc:postgresql://127.0.0.1:1/jobs: ")
                .contains("refused").doesNotContain("db-secret-91");
    }

    @Test
    void theTopLevelHelpNamesTheNewCommandsAndTheirExitCode() {
        Workspace workspace = new Workspace(dir);
        CliResult help = workspace.run("--help");
        assertThat(help.out()).contains("history", "audit", "5   audit verify");
        assertThat(workspace.run("audit", "verify", "--help").out()).contains("head hash");
        assertThat(workspace.run("history", "prune", "--help").out()).contains("--before");
    }
}
