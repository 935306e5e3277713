package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * A run that runs out of memory did not finish: it exits with 2, which cron and Kubernetes read as
 * "restart it", never with the JVM's own 1 ("completed with failed rows").
 */
class OutOfMemoryExitCodeTest {

    @TempDir
    Path dir;

    @Test
    void aPurgeThatRunsOutOfMemoryExitsAsAJobThatDidNotFinish() throws Exception {
        // Enough heap to reach scim-purge's main, not enough to start the job: the error meets
        // the code that would otherwise let the JVM exit with 1 (measured: 7 to 9 MB do that).
        Workspace workspace = new Workspace(dir).env("JAVA_TOOL_OPTIONS", "-Xmx8m");

        int exit;
        String output;
        try (ScimPurgeProcess purge = workspace.startInAnotherJvm("purge",
                workspace.purgeArguments("--sandbox", "--deactivated", "--quiet"))) {
            exit = purge.awaitExit(Duration.ofMinutes(2));
            output = purge.output();
        }

        assertThat(output).contains("OutOfMemoryError");
        assertThat(exit).as(output).isEqualTo(ExitCodes.JOB_FAILED);
    }
}
