package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * --provider github-emu against the sandbox its profile describes: the reversible suspend (PATCH active false) by
 * default, the irreversible hard deprovision (DELETE) only when asked for by name, userName lookups only.
 */
class GitHubEmuProviderTest {

    private static final String BASE = "/scim/v2/enterprises/rehearsal";

    @TempDir
    Path dir;

    private PlayedService played;
    private SandboxScimServer github;

    @AfterEach
    void stop() {
        if (played != null) {
            played.close();
        }
    }

    private void start(SandboxSettings settings) {
        played = PlayedService.start("github-emu", "ghp-test", settings);
        github = played.server();
    }

    private Workspace workspace() {
        return played.workspace(new Workspace(dir));
    }

    private CliResult purge(String... more) {
        List<String> args = new ArrayList<>(List.of("--enterprise", "rehearsal"));
        args.addAll(List.of(more));
        return played.purge(new Workspace(dir), args.toArray(String[]::new));
    }

    private Path csvOf(List<SandboxUser> users) {
        StringBuilder csv = new StringBuilder("email\n");
        users.forEach(u -> csv.append(u.userName()).append('\n'));
        return workspace().file("leavers.csv", csv.toString());
    }

    private List<SandboxUser> active(int count) {
        return github.directory().all().stream().filter(SandboxUser::active).limit(count).toList();
    }

    @Test
    void removingSuspendsByDefaultAndNeverSendsTheIrreversibleDelete() {
        start(SandboxSettings.defaults().withUsers(12));
        List<SandboxUser> targets = active(4);

        CliResult result = purge("--csv", csvOf(targets).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(github.requests().count("DELETE")).as("the hard deprovision is never the default").isZero();
        assertThat(github.requests().count("PATCH")).isEqualTo(4);
        assertThat(targets).allSatisfy(t -> assertThat(github.directory().find(t.id()))
                .as("suspended, the SCIM identity kept").hasValueSatisfying(now -> assertThat(now.active()).isFalse()));
        assertThat(github.directory().size()).isEqualTo(12);
        assertThat(github.directory().all()).filteredOn(SandboxUser::active).hasSize(12 - 2 - 4);
        assertThat(result.out()).contains("suspended (soft deprovision, reversible)").doesNotContain("ghp-test");
        assertThat(workspace().outcomeCounts()).isEqualTo(Map.of("DELETED", 4L));
    }

    @Test
    void theHardDeprovisionIsSentOnlyWhenItsVariantIsNamed() {
        start(SandboxSettings.defaults().withUsers(10));
        List<SandboxUser> targets = active(3);

        CliResult result = purge("--csv", csvOf(targets).toString(), "--removal", "hard-deprovision");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(github.requests().count("PATCH")).isZero();
        assertThat(github.requests().lines()).filteredOn(l -> l.startsWith("DELETE "))
                .hasSize(3).allMatch(l -> l.startsWith("DELETE " + BASE + "/Users/"));
        assertThat(targets).allSatisfy(t -> assertThat(github.directory().find(t.id())).as("the SCIM identity is gone").isEmpty());
        assertThat(result.out()).contains("hard-deprovisioned");
    }

    @Test
    void addressesAreLookedUpByUserNameOnlyAndAnUnknownOneIsNotFound() {
        start(SandboxSettings.defaults().withUsers(8));
        SandboxUser target = active(1).get(0);
        Path csv = workspace().file("leavers.csv", "email\n" + target.userName() + "\nnobody@example.test\n");

        CliResult result = purge("--csv", csv.toString(), "--lookup", "filter");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(github.directory().find(target.id()).orElseThrow().active()).isFalse();
        assertThat(workspace().outcomeRows()).anyMatch(row -> row.contains("nobody@example.test|NOT_FOUND|email_not_found"));
        assertThat(github.requests().lines()).filteredOn(l -> l.contains("filter=")).isNotEmpty()
                .allMatch(l -> l.contains("filter=userName%20eq"));
    }

    @Test
    void aDeactivatedRunPagesTheEnterpriseBecauseActiveIsNoDocumentedFilter() {
        start(SandboxSettings.defaults().withUsers(30).withDeactivatedFraction(0.3));
        List<SandboxUser> suspended = github.directory().all().stream().filter(u -> !u.active()).toList();
        assertThat(suspended).hasSize(9);

        CliResult result = purge("--deactivated", "--removal", "hard-deprovision");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(suspended).allSatisfy(u -> assertThat(github.directory().find(u.id())).isEmpty());
        assertThat(github.directory().size()).isEqualTo(21);
        assertThat(github.directory().all()).allMatch(SandboxUser::active);
        assertThat(github.requests().lines()).noneMatch(l -> l.contains("filter=active"));
    }

    @Test
    void withoutTheEnterpriseTheRunIsRefusedBeforeAnyRequest() {
        start(SandboxSettings.defaults().withUsers(3));

        CliResult result = workspace().purge("--provider", "github-emu", "--url", github.siteUrl().toString(), "--deactivated");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--enterprise");
        assertThat(github.requests().lines()).isEmpty();
    }

    @Test
    void aRehearsalPlaysTheProfilesOwnSandbox() {
        CliResult result = new Workspace(dir).purge("--sandbox", "--provider", "github-emu", "--deactivated",
                "--sandbox-users", "20");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Sandbox SCIM server (github-emu) with 20 users at http://127.0.0.1:")
                .contains(BASE);
        assertThat(new Workspace(dir).outcomeCounts()).isEqualTo(Map.of("DELETED", 4L));
    }
}
