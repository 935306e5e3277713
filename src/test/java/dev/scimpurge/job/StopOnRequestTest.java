package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;

/**
 * A purge asked to stop, by {@code scim-purge stop} from another process or by SIGTERM, finishes
 * its current chunk, exits with 2 and leaves a STOPPED execution and its failure report so far;
 * {@code restart} then finishes the run without redoing anything.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class StopOnRequestTest {

    private static final int USERS = 300;
    /** The remove step's chunk at the default concurrency, 8: eight requests per worker. */
    private static final int CHUNK = 64;
    private static final String FAILING_USER = "user00001@example.test";

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(10)).withToken("stop-test"), 0);
        sandbox.faults().failUser(FAILING_USER, 500, "boom");
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "stop-test");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void sigtermStopsTheRunAfterItsCurrentChunkAndRestartFinishesIt() throws Exception {
        try (ScimPurgeProcess purge = startPurgeAndLetItRemove(60)) {
            purge.terminate();

            assertThat(purge.awaitExit(Duration.ofSeconds(30))).as(purge.output()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(purge.output()).contains("Termination requested: stopping after the current chunk")
                    .contains("STOPPED").contains("stopped on request").contains("scim-purge restart ");
        }
        Workspace.ExecutionRow stopped = workspace.lastExecution().orElseThrow();
        assertStoppedAtAChunkBoundary(stopped);

        CliResult restarted = workspace.command("restart", String.valueOf(stopped.id()));

        assertRestartFinishedTheRun(restarted, stopped);
    }

    @Test
    void stopFromAnotherProcessStopsTheRunAfterItsCurrentChunk() throws Exception {
        Workspace.ExecutionRow running;
        try (ScimPurgeProcess purge = startPurgeAndLetItRemove(60)) {
            running = workspace.lastExecution().orElseThrow();

            CliResult stop = workspace.command("stop", String.valueOf(running.id()));

            assertThat(stop.exitCode()).as(stop.toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(stop.out()).contains("Asked execution " + running.id() + " (process " + purge.pid() + " on ")
                    .contains("Execution " + running.id() + " STOPPED").contains("scim-purge restart " + running.id());
            assertThat(purge.awaitExit(Duration.ofSeconds(30))).as(purge.output()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(purge.output()).contains("stopped on request");
            assertThat(stop.out()).as("stop names the report the run wrote, not '(not written)'")
                    .contains("Its report: " + workspace.reports().resolve(failureReportName(purge.output())));
        }
        Workspace.ExecutionRow stopped = workspace.lastExecution().orElseThrow();
        assertThat(stopped.id()).isEqualTo(running.id());
        assertStoppedAtAChunkBoundary(stopped);

        CliResult restarted = workspace.command("restart", "--last");

        assertRestartFinishedTheRun(restarted, stopped);
    }

    private ScimPurgeProcess startPurgeAndLetItRemove(int removals) throws InterruptedException {
        ScimPurgeProcess purge = workspace.startInAnotherJvm("purge",
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--deactivated"));
        Poll.until("the purge removes " + removals + " users", Duration.ofSeconds(60),
                () -> sandbox.requests().count("DELETE") >= removals || !purge.isAlive());
        assertThat(purge.isAlive()).as(purge.output()).isTrue();
        // Slow enough that the run is surely still removing when the stop arrives, on a loaded machine too.
        sandbox.faults().latency(Duration.ofMillis(150));
        return purge;
    }

    private void assertStoppedAtAChunkBoundary(Workspace.ExecutionRow stopped) {
        assertThat(stopped.status()).isEqualTo("STOPPED");
        long recorded = workspace.outcomeCounts().values().stream().mapToLong(Long::longValue).sum();
        assertThat(recorded).as("whole chunks only").isPositive().isLessThan(USERS).isEqualTo(recorded / CHUNK * CHUNK);
        assertThat(sandbox.requests().lines().stream().filter(l -> l.startsWith("DELETE")).distinct().count())
                .as("every account a removal was sent for has its outcome: none was cut off (retries of the failing user aside)")
                .isEqualTo(recorded);
        JsonNode report = workspace.latestReport();
        assertThat(report.isArray()).as("a partial report lists what failed so far").isTrue();
        assertThat(report).hasSize(1);
        assertThat(report.get(0).get("email").asString()).isEqualTo(FAILING_USER);
    }

    private void assertRestartFinishedTheRun(CliResult restarted, Workspace.ExecutionRow stopped) {
        assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(restarted.out()).contains("Restarting execution " + stopped.id() + " (STOPPED)")
                .contains("Continuing execution " + stopped.id() + " (STOPPED) where it stopped")
                .containsPattern("deleted\\s+" + (USERS - 1));
        assertThat(workspace.outcomeCounts()).as("nothing redone after a graceful stop")
                .isEqualTo(Map.of("DELETED", (long) USERS - 1, "FAILED", 1L));
        assertThat(sandbox.directory().deactivated()).hasSize(1);
        assertThat(workspace.latestReport()).hasSize(1);
        assertThat(restarted.all()).doesNotContain("stop-test");
    }

    /** The failure report's file name as the purge printed it ("report  .../failed_deletions_*.json"). */
    private static String failureReportName(String purgeOutput) {
        Matcher report = Pattern.compile("failed_deletions_[0-9_-]+\\.json").matcher(purgeOutput);
        assertThat(report.find()).as(purgeOutput).isTrue();
        return report.group();
    }
}
