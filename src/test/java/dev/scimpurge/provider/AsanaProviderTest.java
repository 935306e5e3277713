package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** --provider asana against the sandbox its profile describes: DELETE deprovisions (the user stays, inactive), userName filter only. */
class AsanaProviderTest {

    @TempDir
    Path dir;

    private PlayedService played;
    private SandboxScimServer asana;

    @AfterEach
    void stop() {
        if (played != null) {
            played.close();
        }
    }

    private void start(SandboxSettings settings) {
        played = PlayedService.start("asana", "asana-service-account-token", settings);
        asana = played.server();
    }

    private Workspace workspace() {
        return played.workspace(new Workspace(dir));
    }

    @Test
    void aCsvPurgeDeprovisionsThoseFoundByUserNameAndTouchesNoOneElse() {
        start(SandboxSettings.defaults().withUsers(20).withDeactivatedFraction(0));
        List<SandboxUser> before = asana.directory().all();
        List<SandboxUser> targets = before.subList(10, 14);
        StringBuilder csv = new StringBuilder("email\n");
        targets.forEach(u -> csv.append(u.userName()).append('\n'));
        csv.append("never-here@example.test\n");

        CliResult result = played.purge(new Workspace(dir), "--csv", workspace().file("leavers.csv", csv.toString()).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(targets).allSatisfy(t -> assertThat(asana.directory().find(t.id()))
                .hasValueSatisfying(now -> assertThat(now.active()).as("zombified, still in the domain").isFalse()));
        Set<String> targetIds = targets.stream().map(SandboxUser::id).collect(Collectors.toSet());
        assertThat(before).filteredOn(u -> !targetIds.contains(u.id()))
                .allSatisfy(u -> assertThat(asana.directory().find(u.id())).as("outside the input").hasValue(u));
        assertThat(asana.requests().count("DELETE")).isEqualTo(4);
        assertThat(asana.requests().lines()).filteredOn(l -> l.contains("filter=")).isNotEmpty()
                .allMatch(l -> l.contains("filter=userName%20eq"));
        assertThat(workspace().outcomeRows()).anyMatch(row -> row.contains("never-here@example.test|NOT_FOUND|email_not_found"));
        assertThat(result.out()).containsPattern("deprovisioned\\s+4");
    }

    @Test
    void aRehearsalPlaysTheProfilesOwnSandbox() {
        CliResult result = new Workspace(dir).purge("--sandbox", "--provider", "asana", "--deactivated", "--sandbox-users", "10");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Sandbox SCIM server (asana) with 10 users at http://127.0.0.1:").contains("/api/1.0/scim");
        assertThat(new Workspace(dir).outcomeCounts()).isEqualTo(Map.of("DELETED", 2L));
    }
}
