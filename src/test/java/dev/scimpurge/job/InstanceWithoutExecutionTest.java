package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * A process that ends between Spring Batch's creation of a run's job instance and of its first execution (SharedH2FileTest
 * met it when the process serving the H2 file ended then) leaves an instance that can be neither started nor restarted:
 * the same command again failed with "Cannot find any job execution for job instance". Such an instance is made here
 * by hand, with the job key the same run has in another job database.
 */
class InstanceWithoutExecutionTest {

    private static final String TOKEN = "orphan-token";

    @TempDir
    Path dir;

    private final SandboxScimServer sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withToken(TOKEN), 0);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theSameCommandAgainStartsTheRunAfreshWhenItsInstanceHasNoExecution() throws Exception {
        Path csv = Files.writeString(dir.resolve("users.csv"), "user00001@example.test\nuser00002@example.test\n");
        Workspace elsewhere = new Workspace(dir.resolve("elsewhere")).env("SCIM_TOKEN", TOKEN);
        Workspace workspace = new Workspace(dir.resolve("here")).env("SCIM_TOKEN", TOKEN);
        String[] run = {"--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--dry-run", "--run-id", "orphaned"};
        CliResult learnTheKey = elsewhere.purge(run);
        assertThat(learnTheKey.exitCode()).as(learnTheKey.toString()).isZero();
        String jobKey = elsewhere.queryValue(String.class, "SELECT JOB_KEY FROM BATCH_JOB_INSTANCE");
        CliResult schema = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--dry-run");
        assertThat(schema.exitCode()).as(schema.toString()).isZero();
        workspace.sql("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (99, 0, 'purge', ?)", jobKey);

        CliResult again = workspace.purge(run);

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(again.out()).contains("left without an execution");
        assertThat(workspace.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = 99")).isZero();
        assertThat(workspace.outcomeCounts()).containsEntry("PLANNED", 4L);
        assertThat(sandbox.directory().size()).as("a dry run").isEqualTo(20);
    }
}
