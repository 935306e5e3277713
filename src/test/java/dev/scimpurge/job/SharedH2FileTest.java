package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * Purges of different targets started at once by one cron or systemd timer share the default job database, one H2
 * file. The first process to open it serves it to the others (AUTO_SERVER): none may fail while it is being created,
 * and one whose server ends first either reconnects or stops restartably, losing nothing.
 */
class SharedH2FileTest {

    private static final int PURGES = 3;

    @TempDir
    Path dir;

    private final List<SandboxScimServer> targets = new ArrayList<>();

    @AfterEach
    void stop() {
        targets.forEach(SandboxScimServer::close);
    }

    @Test
    void purgesOfDifferentTargetsStartedAtOnceOnAFreshDatabaseAllComplete() throws Exception {
        Workspace workspace = new Workspace(dir).env("SCIM_TOKEN", "shared-file");
        List<ScimPurgeProcess> purges = new ArrayList<>();
        for (int i = 0; i < PURGES; i++) {
            // The first is the smallest and ends first: if it served the file, the others lose their server mid-run.
            SandboxScimServer target = SandboxScimServer.start(SandboxSettings.defaults().withUsers(10 + 150 * i)
                    .withDeactivatedFraction(1.0).withLatency(Duration.ofMillis(5)).withToken("shared-file"), 0);
            targets.add(target);
            purges.add(workspace.startInAnotherJvm("purge-" + i, workspace.purgeArguments("--url", target.baseUrl().toString(),
                    "--deactivated")));
        }
        for (int i = 0; i < PURGES; i++) {
            String url = targets.get(i).baseUrl().toString();
            try (ScimPurgeProcess purge = purges.get(i)) {
                int exit = purge.awaitExit(Duration.ofSeconds(180));
                assertThat(purge.output()).as("no purge fails to open or create the database").doesNotContain("could not start")
                        .doesNotContain("Unable to configure").doesNotContain("\tat ");
                if (exit != ExitCodes.SUCCESS) {
                    // The process serving the file ended while this one was inside a transaction: that chunk is lost
                    // and the run stops restartably; running it again finishes it.
                    assertThat(exit).as(purge.output()).isEqualTo(ExitCodes.JOB_FAILED);
                    assertThat(purge.output()).containsPattern("(?i)run the same command again")
                            .doesNotContain("Caused by");
                    CliResult again = workspace.purge("--url", url, "--deactivated");
                    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.SUCCESS);
                }
            }
            assertThat(targets.get(i).directory().size()).as("target %d emptied", i).isZero();
        }
        // a removal sent in a chunk that was lost is found on the continuation: already gone, not removed twice
        Map<String, Long> outcomes = workspace.outcomeCounts();
        assertThat(outcomes.keySet()).isSubsetOf("DELETED", "ALREADY_GONE");
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).as(outcomes.toString()).isEqualTo(10L + 160 + 310);
    }
}
