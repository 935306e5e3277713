package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;

/**
 * Every command opens the job database and makes sure its tables are there. On PostgreSQL an {@code ALTER TABLE ... ADD
 * COLUMN IF NOT EXISTS} takes the table's exclusive lock even when the column exists, so it waits for every open
 * transaction that read the table, a running purge's chunk among them, and the purge's next statement waits behind it.
 * A schema already up to date is therefore left alone.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class SchemaUpToDateTest {

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    @Test
    void aCommandOnAnUpToDateJobDatabaseDoesNotWaitForTheTransactionsOfARunningPurge() throws Exception {
        Workspace workspace = new Workspace(dir, database.create(dir));
        CliResult first = workspace.purge("--sandbox", "--deactivated");
        assertThat(first.exitCode()).as("creates the schema: " + first).isZero();

        try (Connection purgeChunk = workspace.jobDatabase(); Statement read = purgeChunk.createStatement()) {
            // what a chunk of a running purge holds until it commits: a read of its tables in an open transaction
            purgeChunk.setAutoCommit(false);
            read.executeQuery("SELECT COUNT(*) FROM PURGE_CANDIDATE").close();
            read.executeQuery("SELECT COUNT(*) FROM PURGE_EXECUTION").close();

            // stop opens the job database as a purge does, schema included
            CompletableFuture<CliResult> stop = CompletableFuture.supplyAsync(() -> workspace.onDatabase(List.of("stop", "999", "--wait", "0")));
            CliResult second = stop.completeOnTimeout(null, 90, TimeUnit.SECONDS).get();

            assertThat(second).as("stop ended while the purge's transaction was open").isNotNull();
            assertThat(second.err()).as(second.toString()).contains("999");
            purgeChunk.rollback();
        }
    }
}
