package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;

/** --provider miro against the sandbox its profile describes: DELETE within 20 per 30 seconds, refusals fail one row. */
class MiroProviderTest {

    @TempDir
    Path dir;

    private PlayedService played;
    private SandboxScimServer miro;

    @AfterEach
    void stop() {
        if (played != null) {
            played.close();
        }
    }

    private void start(SandboxSettings settings) {
        played = PlayedService.start("miro", "miro-test", settings);
        miro = played.server();
    }

    private Workspace workspace() {
        return played.workspace(new Workspace(dir));
    }

    private Path csvOf(List<SandboxUser> users) {
        StringBuilder csv = new StringBuilder();
        users.forEach(u -> csv.append(u.userName()).append('\n'));
        return workspace().file("leavers.csv", csv.toString());
    }

    @Test
    void theDefaultPacingStaysUnderTheDocumentedDeleteLimit() {
        start(SandboxSettings.defaults().withUsers(30).withDeactivatedFraction(0));
        List<SandboxUser> targets = miro.directory().all().subList(0, 24);

        long started = System.nanoTime();
        CliResult result = played.purge(new Workspace(dir), "--csv", csvOf(targets).toString());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(targets).allSatisfy(t -> assertThat(miro.directory().find(t.id())).isEmpty());
        assertThat(miro.requests().count("DELETE")).as("paced under 20 a 30 s: no DELETE answered 429, none sent twice")
                .isEqualTo(24);
        assertThat(seconds).as("the four DELETEs past the burst of 20 wait for the bucket").isGreaterThanOrEqualTo(4);
        assertThat(miro.requests().lines()).filteredOn(l -> l.contains("filter=")).allMatch(l -> l.contains("filter=userName%20eq"));
    }

    @Test
    void aRefusedDeletionSuchAsTheLastAdminFailsOnlyItsRow() {
        start(SandboxSettings.defaults().withUsers(6).withDeactivatedFraction(0));
        List<SandboxUser> targets = miro.directory().all().subList(0, 3);
        miro.faults().failUser(targets.get(1).id(), 409, "The last admin of the organization cannot be deleted");

        CliResult result = played.purge(new Workspace(dir), "--csv", csvOf(targets).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(miro.directory().find(targets.get(0).id())).isEmpty();
        assertThat(miro.directory().find(targets.get(1).id())).isPresent();
        assertThat(miro.directory().find(targets.get(2).id())).isEmpty();
        JsonNode entry = workspace().latestReport().get(0);
        assertThat(entry.get("account_id").asString()).isEqualTo(targets.get(1).id());
        assertThat(entry.get("message").asString()).contains("last admin");
        assertThat(workspace().outcomeCounts()).isEqualTo(Map.of("DELETED", 2L, "FAILED", 1L));
    }

    @Test
    void aRehearsalPlaysTheProfilesOwnSandbox() {
        CliResult result = new Workspace(dir).purge("--sandbox", "--provider", "miro", "--deactivated", "--sandbox-users", "10");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Sandbox SCIM server (miro) with 10 users at http://127.0.0.1:").contains("/api/v1/scim");
        assertThat(new Workspace(dir).outcomeCounts()).isEqualTo(Map.of("DELETED", 2L));
    }
}
