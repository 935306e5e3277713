package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.BulkResultIdentifiers;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.ConsoleLog;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * A bulk run killed with SIGKILL after the server carried out a chunk's Bulk operations but before their answers
 * came back: the restart sends those rows again, and the 404s they get are "already gone", not "not found", because
 * the removal-attempt log says they were sent. And a run that dropped Bulk for a server whose answers name no
 * operation, killed while removing one user per request, finishes on restart with no row failed or called not found.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class BulkRestartAfterKillTest {

    private static final int USERS = 200;
    /** The remove step's chunk at the default concurrency, 8: eight requests per worker. */
    private static final int CHUNK = 64;

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void rowsWhoseBulkOperationsWereCarriedOutBeforeTheKillAreAlreadyGoneAfterTheRestart() throws Exception {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(5)).withToken("bulk-kill").withBulk(100, 1 << 20), 0);
        Workspace workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "bulk-kill");

        killAfterRemovalsWhoseAnswersAreHeldBack(workspace, "bulk-run", 60);

        CliResult finished = workspace.command("restart", "--last");

        assertThat(finished.exitCode()).as(finished.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().all()).isEmpty();
        Map<String, Long> outcomes = workspace.outcomeCounts();
        assertThat(outcomes.keySet()).containsExactlyInAnyOrder("DELETED", "ALREADY_GONE");
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).as("one outcome per user").isEqualTo(USERS);
        assertThat(outcomes.get("ALREADY_GONE")).as("at most the chunk the kill interrupted").isLessThanOrEqualTo(CHUNK);
        assertThat(sandbox.requests().count("DELETE")).as("the restart went on in Bulk").isZero();
        assertThat(finished.all()).doesNotContain("bulk-kill");
    }

    @Test
    void aRunThatDroppedBulkAndWasKilledFinishesOnRestartWithNoRowFailed() throws Exception {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(5)).withToken("bulk-kill").withBulk(100, 1 << 20)
                .withFaults(faults -> faults.bulkResultIdentifiers(BulkResultIdentifiers.NONE)), 0);
        Workspace workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "bulk-kill");
        String dropped = "removing one user per request from now on";

        String firstOutput = killAfterRemovalsWhoseAnswersAreHeldBack(workspace, "bulk-dropped", 100);
        assertThat(firstOutput.lines().filter(line -> line.contains(dropped))).as(firstOutput).hasSize(1);

        ConsoleLog<CliResult> restart = ConsoleLog.capture(() -> workspace.command("restart", "--last"));

        assertThat(restart.result().exitCode()).as(restart.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().all()).isEmpty();
        Map<String, Long> outcomes = workspace.outcomeCounts();
        assertThat(outcomes.keySet()).as("no row failed, none called not found").containsAnyOf("DELETED", "ALREADY_GONE")
                .doesNotContain("FAILED", "NOT_FOUND");
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).as("one outcome per user").isEqualTo(USERS);
        assertThat(restart.lines()).as("the restart tries Bulk again, and drops it again").filteredOn(line -> line.contains(dropped))
                .hasSize(1);
    }

    /**
     * Starts a {@code --deactivated} run in another JVM, lets it remove {@code removedFirst} users, then holds answers
     * back (the next removals the server carries out belong to a chunk not yet committed) and kills it; returns its output.
     */
    private String killAfterRemovalsWhoseAnswersAreHeldBack(Workspace workspace, String logName, int removedFirst) throws Exception {
        String output;
        try (ScimPurgeProcess first = workspace.startInAnotherJvm(logName,
                // without read-backs: with them, a chunk's reads at the slowed latency outlast the poll below;
                // VerifiedRestartAfterKillTest kills runs that verify
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--deactivated", "--verify", "none"))) {
            Poll.until("the run removes " + removedFirst + " users", Duration.ofSeconds(90),
                    () -> sandbox.directory().size() <= USERS - removedFirst || !first.isAlive());
            sandbox.faults().latency(Duration.ofSeconds(3));
            int before = sandbox.directory().size();
            Poll.until("the server carries out removals whose answers are held back", Duration.ofSeconds(30),
                    () -> sandbox.directory().size() < before || !first.isAlive());
            assertThat(first.isAlive()).as(first.output()).isTrue();
            first.kill();
            output = first.output();
        }
        assertThat(sandbox.directory().size()).isGreaterThan(0);
        sandbox.faults().latency(Duration.ZERO);
        return output;
    }
}
