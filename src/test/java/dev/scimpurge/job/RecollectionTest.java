package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * A process can die after the collection's transaction committed but before its step was marked
 * complete; the restart runs the collection step again. It must keep the committed list: deleting
 * its outcome rows to collect afresh would break the outcome chain.
 */
class RecollectionTest {

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aCollectionStepRunAgainKeepsTheCommittedListAndTheChainVerifies() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(10).withToken("right"), 0);
        Workspace workspace = new Workspace(dir);
        Path csv = workspace.file("u.csv", "user00001@example.test\nnot-an-email\nuser00001@example.test\nuser00002@example.test\n");
        // the token is refused from the first removal on: the job stops after collecting and resolving
        sandbox.faults().onRoute("DELETE", ".*", RouteFault.Canned.json(401, "{\"detail\": \"token revoked\"}"));
        CliResult stopped = workspace.env("SCIM_TOKEN", "right").purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(),
                "--concurrency", "1");
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(workspace.outcomeCounts()).containsEntry("FAILED", 1L).containsEntry("DUPLICATE", 1L);
        assertThat(workspace.sql("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED' WHERE STEP_NAME = 'collectCandidates'")).isEqualTo(1);

        sandbox.faults().clearRouteFaults();
        CliResult continued = workspace.env("SCIM_TOKEN", "right").purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString());

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.queryValue(Long.class, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'collectCandidates'"))
                .as("the collection step did run again").isEqualTo(2);
        assertThat(workspace.outcomeRows()).containsExactly(
                "1|user00001@example.test|DELETED|removed|204",
                "2|not-an-email|FAILED|invalid_email|null",
                "3|user00001@example.test|DUPLICATE|duplicate_row|null",
                "4|user00002@example.test|DELETED|removed|204");
        CliResult verify = workspace.onDatabase(List.of("audit", "verify"));
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(verify.out()).contains("intact: 4 rows verified");
    }
}
