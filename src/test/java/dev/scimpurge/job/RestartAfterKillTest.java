package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.ScimPurgeApplication;
import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * The promise of the job repository: a purge killed with SIGKILL part way continues, when the
 * same command runs again, from its last committed chunk. No user is skipped, and what the
 * killed process had already removed is "already gone", not a failure.
 */
class RestartAfterKillTest {

    private static final int DEACTIVATED = 2000;
    private static final int ACTIVE = 50;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aKilledRunContinuesWhereItStoppedAndEndsWithEveryUserDeleted() throws Exception {
        killAndContinue(List.of(), 600);
    }

    /** Sixteen removals in flight when the process dies: still one outcome per user, and only the killed chunk redone. */
    @Test
    void aKilledConcurrentRunContinuesWithEveryUserDeletedOnce() throws Exception {
        killAndContinue(List.of("--concurrency", "16"), 710);
    }

    private void killAndContinue(List<String> throughput, int deletesBeforeKill) throws Exception {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(DEACTIVATED).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(20)).withToken("kill-test"), 0);
        for (int i = 0; i < ACTIVE; i++) {
            sandbox.directory().add(new SandboxUser("active-" + i, "active" + i + "@example.test",
                    List.of("active" + i + "@example.test"), true, "Registered", List.of()));
        }
        Workspace workspace = new Workspace(dir).env("SCIM_TOKEN", "kill-test");
        List<String> args = new java.util.ArrayList<>(List.of("purge", "--url", sandbox.baseUrl().toString(), "--deactivated",
                "--db", workspace.database().toString(), "--report-dir", workspace.reports().toString(), "--yes", "--max-deletes", "5000"));
        args.addAll(throughput);

        Process first = startInSeparateJvm(args, workspace.root());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (sandbox.requests().count("DELETE") < deletesBeforeKill && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(first.isAlive()).as("the first run is still going when we kill it").isTrue();
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int removedBeforeKill = DEACTIVATED + ACTIVE - sandbox.directory().size();
        assertThat(removedBeforeKill).isBetween(deletesBeforeKill, DEACTIVATED - 100);
        assertThat(lastExecutionStatus(workspace)).as("a killed process leaves its execution marked running").isEqualTo("STARTED");

        CliResult second = workspace.run(args.toArray(String[]::new));

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(sandbox.directory().all()).hasSize(ACTIVE).allMatch(SandboxUser::active);
        assertThat(workspace.latestReport().get("status").asString()).isEqualTo("success");
        Map<String, Long> outcomes = workspace.outcomeCounts();
        assertThat(outcomes.keySet()).containsOnly("DELETED", "ALREADY_GONE");
        assertThat(outcomes.get("DELETED") + outcomes.getOrDefault("ALREADY_GONE", 0L)).isEqualTo(DEACTIVATED);
        assertThat(outcomes.getOrDefault("ALREADY_GONE", 0L)).as("at most one chunk is redone").isLessThanOrEqualTo(20);
        assertThat(sandbox.requests().count("DELETE")).as("no user is deleted twice beyond the redone chunk")
                .isLessThanOrEqualTo(DEACTIVATED + 20);
        assertThat(second.err() + second.out()).doesNotContain("kill-test");
    }

    private static Process startInSeparateJvm(List<String> args, Path workDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ScimPurgeApplication.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("first-run.log").toFile());
        builder.environment().put("SCIM_TOKEN", "kill-test");
        return builder.start();
    }

    private static String lastExecutionStatus(Workspace workspace) throws Exception {
        try (Connection c = workspace.jobDatabase();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
