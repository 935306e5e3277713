package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** --provider atlassian: the SCIM directory by userName, and onlyDeleteUserInDB from a CSV of account ids. */
class AtlassianProviderTest {

    @TempDir
    Path dir;

    private SandboxScimServer atlassian;
    private Workspace workspace;

    @BeforeEach
    void start() {
        atlassian = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withToken("atl-key")
                .withPersonality(SandboxPersonality.ATLASSIAN).withAtlassianIds("dir-1", "org-7"), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "atl-key");
    }

    @AfterEach
    void stop() {
        atlassian.close();
    }

    @Test
    void resolvesEmailsByUserNameInTheDirectory() {
        SandboxUser target = atlassian.directory().all().get(0);

        CliResult result = workspace.purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(), "--directory-id", "dir-1",
                "--csv", workspace.file("u.csv", target.userName()).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(atlassian.directory().contains(target.id())).isFalse();
        assertThat(atlassian.requests().lines()).filteredOn(l -> l.contains("filter="))
                .isNotEmpty().allMatch(l -> l.startsWith("GET /scim/directory/dir-1/Users?filter=userName%20eq"));
    }

    @Test
    void onlyDeleteInDbCallsTheAdminEndpointForEachAccountId() {
        List<SandboxUser> targets = atlassian.directory().all().subList(2, 5);
        StringBuilder csv = new StringBuilder("Atlassian account ID\n");
        targets.forEach(u -> csv.append(u.id()).append('\n'));
        csv.append("no-such-account\n");

        CliResult result = workspace.purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(),
                "--only-delete-in-db", "--org-id", "org-7", "--csv", workspace.file("aaids.csv", csv.toString()).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(targets).noneMatch(t -> atlassian.directory().contains(t.id()));
        assertThat(atlassian.requests().lines()).filteredOn(l -> l.startsWith("DELETE"))
                .hasSize(4).allMatch(l -> l.matches("DELETE /admin/user-provisioning/v1/org/org-7/user/[^/]+/onlyDeleteUserInDB"));
        assertThat(atlassian.requests().lines()).noneMatch(l -> l.startsWith("GET"));
        assertThat(workspace.latestReport().get(0).get("email").asString()).isEqualTo("no-such-account");
        assertThat(workspace.latestReport().get(0).get("outcome").asString()).isEqualTo("not_found");
    }

    @Test
    void theDirectoryIdIsRequired() {
        CliResult result = workspace.purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(), "--deactivated");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--directory-id");
        assertThat(atlassian.requests().total()).isZero();
    }
}
