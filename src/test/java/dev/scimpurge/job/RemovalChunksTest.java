package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * How many rows the remove step commits at a time, seen from outside: a 403 in the second chunk
 * stops the job, so exactly the first chunk's outcomes are committed, while every removal of the
 * second chunk was sent (its log was committed first) and is already gone on the restart.
 */
class RemovalChunksTest {

    private static final int USERS = 100;
    private static final String TOKEN = "chunks";

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(0)
                .withLatency(Duration.ofMillis(2)).withToken(TOKEN), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", TOKEN);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void byDefaultAChunkIsEightRequestsPerWorker() {
        assertChunksOf(64, 80, List.of("--concurrency", "8"), "");
    }

    @Test
    void scimPurgeJobChunkSizeOverridesIt() {
        assertChunksOf(10, 20, List.of("--concurrency", "8"), "job:\n  chunk-size: 10\n");
    }

    @Test
    void underARateAChunkIsWhatTheRateSendsInHalfTheShutdownGraceAtTwoRequestsARow() {
        // 20/s for 1 s (half of 2 s) at two requests a row: 10 rows, down to whole rounds of 4 workers.
        assertChunksOf(8, 16, List.of("--concurrency", "4", "--rate", "20"), "job:\n  shutdown-grace: 2s\n");
    }

    /** Purges the first {@code rows} users (two chunks of {@code chunk} rows), one of the second chunk answering 403. */
    private void assertChunksOf(int chunk, int rows, List<String> options, String settings) {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= rows; i++) {
            csv.append("user%05d@example.test%n".formatted(i));
        }
        String refusing = "user%05d@example.test".formatted(chunk + 2);
        sandbox.faults().failUser(refusing, 403, "insufficient scope");
        List<String> arguments = new ArrayList<>(List.of("--url", sandbox.baseUrl().toString(), "--csv",
                workspace.file("users.csv", csv.toString()).toString(), "--lookup", "filter"));
        arguments.addAll(options);
        if (!settings.isEmpty()) {
            arguments.addAll(List.of("--config", workspace.file("settings.yml", "scim-purge:\n" + settings.indent(2)).toString()));
        }

        CliResult stopped = workspace.purge(arguments.toArray(String[]::new));

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(workspace.outcomeCounts()).as("the first chunk committed, the second rolled back").isEqualTo(Map.of("DELETED", (long) chunk));
        assertThat(sandbox.directory().size()).as("every removal of the second chunk but the refused one went out")
                .isEqualTo(USERS - (rows - 1));

        sandbox.faults().clearUserFailures();
        CliResult continued = workspace.purge(arguments.toArray(String[]::new));

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", (long) chunk + 1, "ALREADY_GONE", (long) rows - chunk - 1));
    }
}
