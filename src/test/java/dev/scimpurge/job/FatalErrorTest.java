package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

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
import dev.scimpurge.support.Workspace;

/** Problems that are not about one user stop the job restartably, with a clear message. */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class FatalErrorTest {

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private Path csv;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(40).withToken("right-token"), 0);
        workspace = new Workspace(dir, database.create(dir));
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            lines.append(String.format("user%05d@example.test%n", i));
        }
        csv = workspace.file("users.csv", lines.toString());
    }

    @AfterEach
    void stop() {
        sandbox.close();
        System.clearProperty("scim-purge.http.read-timeout");
    }

    /** One request at a time, so that "the users before the failing one" is well defined; see ConcurrentPurgeTest for parallel runs. */
    private CliResult purge(String token) {
        return workspace.env("SCIM_TOKEN", token).purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(),
                "--concurrency", "1");
    }

    @Test
    void aRejectedTokenIsRefusedBeforeTheRunStartsAndTheNextRunGoesAhead() {
        CliResult rejected = purge("wrong-token");

        assertThat(rejected.exitCode()).as("a configuration error, found before anything is done").isEqualTo(ExitCodes.USAGE);
        assertThat(rejected.err()).contains("rejected the credentials (HTTP 401").contains("then run the same command again")
                .doesNotContain("wrong-token").doesNotContain("Exception");
        assertThat(sandbox.directory().size()).isEqualTo(40);
        assertThat(workspace.outcomeCounts()).isEmpty();

        CliResult continued = purge("right-token");

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().size()).isEqualTo(10);
        assertThat(workspace.outcomeCounts()).containsEntry("DELETED", 30L).hasSize(1);
    }

    @Test
    void aForbiddenAnswerMidRunStopsTheJobWithoutBlamingTheUsers() {
        sandbox.faults().failUser("user00025@example.test", 403, "insufficient scope");

        CliResult stopped = purge("right-token");

        assertThat(stopped.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(stopped.err()).contains("refused access (HTTP 403: insufficient scope)");
        assertThat(workspace.outcomeCounts()).doesNotContainKeys("FAILED", "NOT_FOUND");
        assertThat(workspace.outcomeCounts()).as("the first chunk of 20 committed, the second rolled back")
                .isEqualTo(java.util.Map.of("DELETED", 20L));
        assertThat(sandbox.directory().size()).as("users 21-24 were removed before the 403").isEqualTo(40 - 24);
        assertThat(stopped.out()).containsPattern("not yet done\\s+10");

        sandbox.faults().clearUserFailures();
        CliResult continued = purge("right-token");

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).as("rows 21-24 were removed by the first run: already gone, not failures")
                .isEqualTo(java.util.Map.of("DELETED", 26L, "ALREADY_GONE", 4L));
        assertThat(sandbox.directory().size()).isEqualTo(10);
        assertThat(workspace.latestReport().get("status").asString()).isEqualTo("success");
    }

    @Test
    void aServerThatStopsAnsweringFailsTheRunAfterTheReadTimeout() {
        System.setProperty("scim-purge.http.read-timeout", "500ms");
        sandbox.faults().latency(Duration.ofSeconds(3));

        long started = System.nanoTime();
        CliResult result = purge("right-token");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(result.err()).contains("no answer from 127.0.0.1 in time");
        assertThat(workspace.outcomeCounts()).isEmpty();
    }

    @Test
    void anUnreachableServerFailsTheRunWithAClearMessage() {
        String url = sandbox.baseUrl().toString();
        sandbox.close();

        CliResult result = workspace.env("SCIM_TOKEN", "right-token").purge("--url", url, "--csv", csv.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(result.err()).contains("could not talk to 127.0.0.1");
        sandbox = SandboxScimServer.start(SandboxSettings.defaults(), 0);
    }
}
