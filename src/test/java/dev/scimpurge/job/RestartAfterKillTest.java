package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
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
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * The promise of the job repository: a purge killed with SIGKILL part way continues, with
 * {@code restart --last}, from its last committed chunk. No user is skipped, and what the killed
 * process had already removed is "already gone", not a failure. A restart that is itself killed
 * before its first chunk commits changes nothing of that.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class RestartAfterKillTest {

    private static final int DEACTIVATED = 300;
    private static final int ACTIVE = 20;
    /** The remove step's chunk at the default concurrency, 8: eight requests per worker. */
    private static final int CHUNK = 64;
    private static final Duration LATENCY = Duration.ofMillis(5);

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
    void aKilledRunAndAKilledRestartAreTakenOverAndEndWithEveryUserDeleted() throws Exception {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(DEACTIVATED).withDeactivatedFraction(1.0)
                .withLatency(LATENCY).withToken("kill-test"), 0);
        for (int i = 0; i < ACTIVE; i++) {
            sandbox.directory().add(new SandboxUser("active-" + i, "active" + i + "@example.test",
                    List.of("active" + i + "@example.test"), true, "Registered", List.of()));
        }
        Workspace workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "kill-test");

        long firstPid;
        try (ScimPurgeProcess first = workspace.startInAnotherJvm("first-run",
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--deactivated"))) {
            Poll.until("the first run removes 100 users", Duration.ofSeconds(90),
                    () -> sandbox.requests().count("DELETE") >= 100 || !first.isAlive());
            assertThat(first.isAlive()).as("the first run is still going when we kill it").isTrue();
            firstPid = first.pid();
            first.kill();
        }
        int removedBeforeKill = DEACTIVATED + ACTIVE - sandbox.directory().size();
        assertThat(removedBeforeKill).isBetween(100, DEACTIVATED - 100);
        Workspace.ExecutionRow killed = workspace.lastExecution().orElseThrow();
        assertThat(killed.status()).as("a killed process leaves its execution marked running").isEqualTo("STARTED");

        // Slow enough that the restart's first chunk is surely in flight when it is killed.
        sandbox.faults().latency(Duration.ofMillis(200));
        long deletesBefore = sandbox.requests().count("DELETE");
        long restartId;
        try (ScimPurgeProcess restart = workspace.startInAnotherJvm("killed-restart", workspace.commandArguments("restart", "--last"))) {
            Poll.until("the restart's purge step sends its first removal", Duration.ofSeconds(60),
                    () -> sandbox.requests().count("DELETE") > deletesBefore || !restart.isAlive());
            assertThat(restart.isAlive()).as(restart.output()).isTrue();
            restart.kill();
            assertThat(restart.output()).contains("Execution " + killed.id() + " was left STARTED by process " + firstPid);
            restartId = workspace.lastExecution().orElseThrow().id();
        }
        assertThat(restartId).isGreaterThan(killed.id());
        assertThat(outcomesRecordedBy(workspace, restartId)).as("the killed restart committed no chunk").isZero();
        sandbox.faults().latency(LATENCY);

        CliResult finished = workspace.command("restart", "--last");

        assertThat(finished.exitCode()).as(finished.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(finished.out()).contains("Restarting execution " + restartId + " (STARTED)")
                .contains("Execution " + restartId + " was left STARTED by process")
                .contains("Taking it over");
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(sandbox.directory().all()).hasSize(ACTIVE).allMatch(SandboxUser::active);
        assertThat(workspace.latestReport().get("status").asString()).isEqualTo("success");
        Map<String, Long> outcomes = workspace.outcomeCounts();
        assertThat(outcomes.keySet()).containsAnyOf("DELETED").isSubsetOf("DELETED", "ALREADY_GONE");
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).as("one outcome per user").isEqualTo(DEACTIVATED);
        assertThat(outcomes.getOrDefault("ALREADY_GONE", 0L)).as("at most the chunk each kill interrupted is redone")
                .isLessThanOrEqualTo(2 * CHUNK);
        assertThat(sandbox.requests().count("DELETE")).as("no user is deleted twice beyond the redone chunks")
                .isLessThanOrEqualTo(DEACTIVATED + 2 * CHUNK);
        assertThat(finished.all()).doesNotContain("kill-test");
    }

    private static long outcomesRecordedBy(Workspace workspace, long jobExecutionId) {
        return count(workspace, "SELECT COUNT(*) FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?", jobExecutionId);
    }

    private static long count(Workspace workspace, String sql, long parameter) {
        try (Connection c = workspace.jobDatabase(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setLong(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
