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

/** --provider zoom against the sandbox its profile describes: deactivation by PATCH by default, writes paced at 1 a second. */
class ZoomProviderTest {

    @TempDir
    Path dir;

    private PlayedService played;
    private SandboxScimServer zoom;

    @AfterEach
    void stop() {
        if (played != null) {
            played.close();
        }
    }

    private void start(SandboxSettings settings) {
        played = PlayedService.start("zoom", "zoom-oauth-token", settings);
        zoom = played.server();
    }

    private Workspace workspace() {
        return played.workspace(new Workspace(dir));
    }

    private Path csvOf(List<SandboxUser> users, String... more) {
        StringBuilder csv = new StringBuilder("email\n");
        users.forEach(u -> csv.append(u.userName()).append('\n'));
        for (String line : more) {
            csv.append(line).append('\n');
        }
        return workspace().file("leavers.csv", csv.toString());
    }

    @Test
    void theDefaultRemovalDeactivatesThoseFoundByUserNameAndTouchesNoOneElse() {
        start(SandboxSettings.defaults().withUsers(15).withDeactivatedFraction(0));
        List<SandboxUser> before = zoom.directory().all();
        List<SandboxUser> targets = before.subList(2, 5);

        long started = System.nanoTime();
        CliResult result = played.purge(new Workspace(dir), "--csv", csvOf(targets, "left-long-ago@example.test").toString());
        long millis = (System.nanoTime() - started) / 1_000_000L;

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(targets).allSatisfy(t -> assertThat(zoom.directory().find(t.id()))
                .hasValueSatisfying(now -> assertThat(now.active()).isFalse()));
        Set<String> targetIds = targets.stream().map(SandboxUser::id).collect(Collectors.toSet());
        assertThat(before).filteredOn(u -> !targetIds.contains(u.id()))
                .allSatisfy(u -> assertThat(zoom.directory().find(u.id())).as("outside the input").hasValue(u));
        assertThat(zoom.requests().count("DELETE")).as("the deletion is never the default").isZero();
        assertThat(zoom.requests().count("PATCH")).isEqualTo(3);
        assertThat(millis).as("three writes at one a second").isGreaterThanOrEqualTo(1_900);
        assertThat(zoom.requests().lines()).filteredOn(l -> l.contains("filter=")).isNotEmpty()
                .allMatch(l -> l.contains("filter=userName%20eq"));
        assertThat(workspace().outcomeRows()).anyMatch(row -> row.contains("left-long-ago@example.test|NOT_FOUND|email_not_found"));
        assertThat(result.out()).containsPattern("deactivated\\s+3");
    }

    @Test
    void theDeleteVariantDeletes() {
        start(SandboxSettings.defaults().withUsers(8).withDeactivatedFraction(0));
        SandboxUser target = zoom.directory().all().get(1);

        CliResult result = played.purge(new Workspace(dir), "--removal", "delete", "--csv", csvOf(List.of(target)).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(zoom.directory().find(target.id())).isEmpty();
        assertThat(zoom.requests().count("PATCH")).isZero();
        assertThat(zoom.directory().size()).isEqualTo(7);
    }

    @Test
    void aRehearsalPlaysTheProfilesOwnSandbox() {
        CliResult result = new Workspace(dir).purge("--sandbox", "--provider", "zoom", "--deactivated", "--sandbox-users", "10");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Sandbox SCIM server (zoom) with 10 users at http://127.0.0.1:").contains("/scim2");
        assertThat(new Workspace(dir).outcomeCounts()).isEqualTo(Map.of("DELETED", 2L));
    }
}
