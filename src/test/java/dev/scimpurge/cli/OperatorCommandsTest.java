package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.FailingRuns;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;

/** restart, stop and abandon on recorded executions: what they continue, what they refuse, and how they say so. */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class OperatorCommandsTest {

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private String url;
    private Path csv;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(30).withToken("right-token"), 0);
        url = sandbox.baseUrl().toString();
        workspace = new Workspace(dir, database.create(dir));
        csv = workspace.file("users.csv", "user00001@example.test\nuser00002@example.test\nnobody@example.test\n");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void restartContinuesAFailedRunWithANewTokenAndPrintsTheSummary() {
        FailingRuns.revokeTheTokenAfterTheCheck(sandbox);
        CliResult failed = workspace.env("SCIM_TOKEN", "right-token").purge("--url", url, "--csv", csv.toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(failed.err()).contains("'scim-purge restart 1'");
        sandbox.faults().clearRouteFaults();

        CliResult restarted = workspace.env("SCIM_TOKEN", "right-token").command("restart", "1", "--yes");

        assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(restarted.out()).contains("Restarting execution 1 (FAILED)")
                .contains("Purging CSV " + csv.toAbsolutePath().normalize())
                .contains("Continuing execution 1 (FAILED) where it stopped")
                .containsPattern("Execution \\d+ COMPLETED").containsPattern("deleted\\s+2").containsPattern("not found\\s+1");
        assertThat(restarted.all()).doesNotContain("right-token").doesNotContain("expired-token");
        assertThat(sandbox.directory().size()).isEqualTo(28);

        CliResult again = workspace.command("restart", "--last");

        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("This run already completed").contains("nothing was done");
    }

    @Test
    void anAbandonedRunIsNeverContinued() {
        FailingRuns.revokeTheTokenAfterTheCheck(sandbox);
        CliResult failed = workspace.env("SCIM_TOKEN", "right-token").purge("--url", url, "--csv", csv.toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        sandbox.faults().clearRouteFaults();

        CliResult abandoned = workspace.command("abandon", "1");

        assertThat(abandoned.exitCode()).as(abandoned.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(abandoned.out()).contains("Execution 1 (FAILED) is now ABANDONED");
        assertThat(workspace.lastExecution().orElseThrow().status()).isEqualTo("ABANDONED");
        assertThat(workspace.command("abandon", "1").out()).contains("Execution 1 was already abandoned");

        workspace.env("SCIM_TOKEN", "right-token");
        CliResult purgedAgain = workspace.purge("--url", url, "--csv", csv.toString());
        CliResult restarted = workspace.command("restart", "1");

        assertThat(purgedAgain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(purgedAgain.err()).contains("Execution 1 of this run was abandoned and will not be restarted")
                .contains("new --run-id");
        assertThat(restarted.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(restarted.err()).contains("was abandoned");
        assertThat(sandbox.directory().size()).as("nothing was removed").isEqualTo(30);
    }

    @Test
    void requestsThatDoNotApplyAreRefusedWithoutTouchingAnything() {
        CliResult empty = workspace.env("SCIM_TOKEN", "right-token").command("restart", "--last");
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).contains("There is no purge in this job database yet");

        CliResult completed = workspace.purge("--url", url, "--csv", csv.toString());
        assertThat(completed.exitCode()).isEqualTo(ExitCodes.ITEMS_FAILED);

        CliResult noSuch = workspace.command("restart", "99");
        CliResult stopCompleted = workspace.command("stop", "1");
        CliResult abandonCompleted = workspace.command("abandon", "1");

        assertThat(noSuch.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noSuch.err()).contains("There is no execution 99");
        assertThat(stopCompleted.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(stopCompleted.err()).contains("Execution 1 is not running (it ended COMPLETED");
        assertThat(abandonCompleted.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(abandonCompleted.err()).contains("Execution 1 completed; there is nothing to abandon");
        assertThat(workspace.lastExecution().orElseThrow().status()).isEqualTo("COMPLETED");
    }

    @Test
    void aRunThatHasNotReadItsCsvYetIsNotRestartedOnAnEditedFile() {
        Path broken = workspace.file("broken.csv", "user00001@example.test\nuser00002@example.test\n");
        FailingRuns.revokeTheTokenAfterTheCheck(sandbox);
        CliResult failed = workspace.env("SCIM_TOKEN", "right-token").purge("--url", url, "--csv", broken.toString());
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        sandbox.faults().clearRouteFaults();
        // as a run killed while it read the file leaves it: its collection rolled back, the step not complete
        workspace.sql("DELETE FROM PURGE_CANDIDATE");
        workspace.sql("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED' WHERE STEP_NAME = 'collectCandidates'");
        workspace.file("broken.csv", "user00003@example.test\n");

        CliResult restarted = workspace.command("restart", "--last");

        assertThat(restarted.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(restarted.err()).contains("has changed since execution 1 started").contains("an edited CSV is a new run");
        assertThat(sandbox.directory().size()).isEqualTo(30);
    }

    @Test
    void everyCommandExplainsItselfAndListsTheExitCodes() {
        for (String command : new String[] {"restart", "stop", "abandon"}) {
            CliResult help = workspace.run(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("EXECUTION_ID", "--db", "--db-url", "Exit codes", "2   the job did not finish",
                    "4   another purge of the same target is in progress");
        }
        for (String command : new String[] {"purge", "sandbox"}) {
            assertThat(workspace.run(command, "--help").out()).contains("Exit codes", "64   usage or configuration error");
        }
        assertThat(workspace.run("restart", "--help").out()).contains("--last", "--token-file", "SCIM_TOKEN");
        assertThat(workspace.run("--help").out()).contains("restart", "stop", "abandon");
        assertThat(workspace.command("restart").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(workspace.command("stop", "not-a-number").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
