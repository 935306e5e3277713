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
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * A verified run killed with SIGKILL while it reads back removals the server has carried out, in a chunk not yet
 * committed: the restart sends those removals again, and the removal-attempt log makes their 404s "already gone"; every
 * row ends in exactly one outcome, and none is failed, not found or not removed.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class VerifiedRestartAfterKillTest {

    private static final int USERS = 120;

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
    void aRunKilledWhileReadingRemovalsBackAddsUpAfterItsRestart() throws Exception {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(5)).withToken("verify-kill"), 0);
        Workspace workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "verify-kill");
        String read = "GET /scim/v2/Users/";

        try (ScimPurgeProcess first = workspace.startInAnotherJvm("verify-run",
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--deactivated", "--concurrency", "4"))) {
            Poll.until("the run removes 30 users", Duration.ofSeconds(90),
                    () -> sandbox.directory().size() <= USERS - 30 || !first.isAlive());
            // Every answer now takes long: the removals of the chunk under way are carried out, their read-backs wait.
            sandbox.faults().latency(Duration.ofSeconds(4));
            int before = sandbox.directory().size();
            Poll.until("the server carries out removals whose read-backs are under way", Duration.ofSeconds(100),
                    () -> sandbox.directory().size() < before || !first.isAlive());
            long readsBackOfGoneUsers = sandbox.requests().lines().stream().filter(line -> line.startsWith(read)).count();
            assertThat(readsBackOfGoneUsers).as("verification was running").isPositive();
            assertThat(first.isAlive()).as(first.output()).isTrue();
            first.kill();
        }
        assertThat(sandbox.directory().size()).isGreaterThan(0);
        sandbox.faults().latency(Duration.ZERO);

        CliResult finished = workspace.command("restart", "--last");

        assertThat(finished.exitCode()).as(finished.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().all()).isEmpty();
        Map<String, Long> outcomes = workspace.outcomeCounts();
        assertThat(outcomes.keySet()).containsAnyOf("DELETED").doesNotContain("FAILED", "NOT_FOUND", "NOT_REMOVED");
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).as("one outcome per user").isEqualTo(USERS);
        assertThat(workspace.count("SELECT COUNT(DISTINCT SEQ) FROM PURGE_OUTCOME")).isEqualTo(USERS);
        assertThat(finished.out()).contains("verified      all, read back once");
        assertThat(finished.all()).doesNotContain("verify-kill");
    }

    @Test
    void aLyingServerKilledMidRunGivesEachRowOneNotRemovedOutcomeAfterTheRestart() throws Exception {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(5)).withToken("verify-kill").withFaults(faults -> faults.ignoreRemovals(true)), 0);
        Workspace workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "verify-kill");

        try (ScimPurgeProcess first = workspace.startInAnotherJvm("verify-lied",
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--deactivated", "--concurrency", "4"))) {
            Poll.until("the run sends 30 removals", Duration.ofSeconds(90),
                    () -> sandbox.requests().count("DELETE") >= 30 || !first.isAlive());
            // slower answers: a chunk's read-backs (a chunk's worth, four at a time) take a while before its next removals
            sandbox.faults().latency(Duration.ofSeconds(1));
            int sent = sandbox.requests().count("DELETE");
            Poll.until("more removals leave", Duration.ofSeconds(90), () -> sandbox.requests().count("DELETE") > sent || !first.isAlive());
            assertThat(first.isAlive()).as(first.output()).isTrue();
            first.kill();
        }
        sandbox.faults().latency(Duration.ZERO);

        CliResult finished = workspace.command("restart", "--last");

        assertThat(finished.exitCode()).as(finished.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().size()).isEqualTo(USERS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("NOT_REMOVED", (long) USERS));
        assertThat(workspace.count("SELECT COUNT(DISTINCT SEQ) FROM PURGE_OUTCOME")).isEqualTo(USERS);
    }
}
