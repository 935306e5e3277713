package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** --deactivated runs against the sandbox, including servers that filter or page badly. */
class DeactivatedPurgeTest {

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliResult purgeDeactivated(int users, double fraction) {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(users).withDeactivatedFraction(fraction).withToken("t0k"), 0);
        return run();
    }

    /** With the server serving 100 users a page (fewer than asked, without saying so): the listing spans pages. */
    private CliResult run() {
        sandbox.faults().capPageSize(100);
        return new Workspace(dir).env("SCIM_TOKEN", "t0k").purge("--url", sandbox.baseUrl().toString(), "--deactivated",
                "--max-deletes", "2000");
    }

    /** The pages of the listing of deactivated users: every list request but the check of the target, which comes first. */
    private List<String> listRequests() {
        List<String> lists = sandbox.requests().lines().stream().filter(l -> l.startsWith("GET /scim/v2/Users?")).toList();
        assertThat(lists).first().as("the check of the target before the run").isEqualTo("GET /scim/v2/Users?startIndex=1&count=1");
        return lists.subList(1, lists.size());
    }

    private void assertOnlyActiveUsersRemain(int expectedActive) {
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(sandbox.directory().all()).hasSize(expectedActive).allMatch(SandboxUser::active);
    }

    @Test
    void removesEveryDeactivatedUserAcrossPagesAndNoActiveOne() {
        CliResult result = purgeDeactivated(450, 0.5);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertOnlyActiveUsersRemain(450 - 225);
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(225);
        assertThat(new Workspace(dir).latestReport().get("status").asString()).isEqualTo("success");
        assertThat(listRequests()).hasSize(3).allMatch(l -> l.contains("filter=active%20eq%20false"));
        assertThat(sandbox.requests().lines()).as("each user is re-read before removal, and read back after it (--verify all)")
                .filteredOn(l -> l.startsWith("GET /scim/v2/Users/")).hasSize(2 * 225);
    }

    @Test
    void listsEveryoneAndFiltersLocallyWhenTheServerRejectsTheFilter() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(230).withDeactivatedFraction(0.3).withToken("t0k"), 0);
        int active = sandbox.directory().size() - sandbox.directory().deactivated().size();
        sandbox.faults().rejectFilters(true);

        CliResult result = run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertOnlyActiveUsersRemain(active);
    }

    @Test
    void keepsOnlyDeactivatedUsersWhenTheServerIgnoresTheFilter() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(230).withDeactivatedFraction(0.3).withToken("t0k"), 0);
        int active = sandbox.directory().size() - sandbox.directory().deactivated().size();
        sandbox.faults().ignoreFilters(true);

        CliResult result = run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertOnlyActiveUsersRemain(active);
    }

    @Test
    void stopsPagingWhenTheServerRepeatsTheSamePage() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(1000).withDeactivatedFraction(1.0).withToken("t0k"), 0);
        sandbox.faults().repeatFirstPage(true);

        CliResult result = run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(listRequests()).hasSize(2);
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(100);
    }

    @Test
    void stopsPagingOnAnEmptyPageWhenTotalResultsIsALie() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(120).withDeactivatedFraction(1.0).withToken("t0k"), 0);
        sandbox.faults().totalResultsOverride(1_000_000);

        CliResult result = run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().size()).isZero();
        assertThat(listRequests()).hasSize(3);
    }

    @Test
    void sendsAnIdThatLooksLikeAPathAsOneEncodedSegment() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(0).withToken("t0k"), 0);
        List<String> hostileIds = List.of("../admin", "a?b=c", "x#y", "p%2Fq", "..", "sp ace");
        for (String id : hostileIds) {
            sandbox.directory().add(new SandboxUser(id, id + "@example.test", List.of(), false, "Registered", List.of()));
        }
        sandbox.directory().add(new SandboxUser("admin", "admin@example.test", List.of(), true, "Admin", List.of()));

        CliResult result = run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().ids()).containsExactly("admin");
        assertThat(sandbox.requests().lines()).filteredOn(l -> l.startsWith("DELETE"))
                .hasSize(hostileIds.size())
                .allMatch(l -> l.matches("DELETE /scim/v2/Users/[^/?#]+"));
    }
}
