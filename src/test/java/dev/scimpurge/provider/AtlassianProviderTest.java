package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.AtlassianIds;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;

/** --provider atlassian: the SCIM directory by userName, and onlyDeleteUserInDB from a CSV of account ids. */
class AtlassianProviderTest {

    @TempDir
    Path dir;

    private SandboxScimServer atlassian;
    private Workspace workspace;

    @BeforeEach
    void start() {
        atlassian = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withToken("atl-key")
                .withPersonality(SandboxPersonality.ATLASSIAN).withAtlassianIds("dir-1", "org-7").withAtlassianOrgApiKey("org-key"), 0);
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
        targets.forEach(u -> csv.append(AtlassianIds.accountIdOf(u.id())).append('\n'));
        csv.append("no-such-account\n");

        CliResult result = workspace.env("ATLASSIAN_ORG_API_KEY", "org-key").purge("--provider", "atlassian",
                "--url", atlassian.siteUrl().toString(),
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

    private String aaidCsv(List<SandboxUser> users) {
        StringBuilder csv = new StringBuilder("Atlassian account ID\n");
        users.forEach(u -> csv.append(AtlassianIds.accountIdOf(u.id())).append('\n'));
        return csv.toString();
    }

    @Test
    void onlyDeleteInDbRefusesTheDirectoryKeyAndRemovesNothing() {
        List<SandboxUser> targets = atlassian.directory().all().subList(5, 7);

        CliResult result = workspace.purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(),
                "--only-delete-in-db", "--org-id", "org-7", "--csv", workspace.file("aaids.csv", aaidCsv(targets)).toString());

        assertThat(result.exitCode()).as(result.toString()).isNotEqualTo(ExitCodes.SUCCESS).isNotEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(targets).allMatch(t -> atlassian.directory().contains(t.id()));
        assertThat(result.toString()).doesNotContain("atl-key");
    }

    @Test
    void eachModeReadsItsOwnKeyFromItsOwnVariable() {
        SandboxUser inDirectory = atlassian.directory().all().get(8);
        SandboxUser inDb = atlassian.directory().all().get(9);
        Workspace keys = new Workspace(dir).env("ATLASSIAN_DIRECTORY_API_KEY", "atl-key").env("ATLASSIAN_ORG_API_KEY", "org-key");

        CliResult directory = keys.purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(), "--directory-id", "dir-1",
                "--csv", keys.file("u.csv", inDirectory.userName()).toString());
        CliResult db = keys.purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(),
                "--only-delete-in-db", "--org-id", "org-7", "--csv", keys.file("aaids.csv", aaidCsv(List.of(inDb))).toString());

        assertThat(directory.exitCode()).as(directory.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(db.exitCode()).as(db.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(atlassian.directory().contains(inDirectory.id())).isFalse();
        assertThat(atlassian.directory().contains(inDb.id())).isFalse();

        CliResult none = new Workspace(dir).purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(),
                "--only-delete-in-db", "--org-id", "org-7", "--csv", keys.file("more.csv", aaidCsv(List.of(inDirectory))).toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("ATLASSIAN_ORG_API_KEY");
    }

    @Test
    void aDeactivatedRunPagesTheDirectoryWhichCannotFilterOnActive() {
        List<SandboxUser> deactivated = atlassian.directory().deactivated();
        assertThat(deactivated).isNotEmpty();

        CliResult result = workspace.purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(), "--directory-id", "dir-1",
                "--deactivated");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deactivated).noneMatch(u -> atlassian.directory().contains(u.id()));
        assertThat(atlassian.directory().all()).allMatch(SandboxUser::active);
        assertThat(atlassian.requests().lines()).as("no filter the directory refuses").noneMatch(l -> l.contains("filter="));
    }

    @Test
    void anAccountManagedElsewhereFailsItsRowWithAClearReasonAndTheRunGoesOn() {
        SandboxUser managed = atlassian.directory().all().get(10);
        SandboxUser other = atlassian.directory().all().get(11);
        atlassian.faults().onRoute("DELETE", ".*/Users/" + java.util.regex.Pattern.quote(managed.id()), RouteFault.Canned.json(403,
                "{\"key\":\"forbidden.action\",\"context\":{\"allowed\":false,\"reason\":{\"key\":\"externalDirectory.google\"}},"
                        + "\"errorKey\":\"forbidden.action\",\"errorDetail\":{\"allowed\":false}}"));

        CliResult result = workspace.purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(), "--directory-id", "dir-1",
                "--csv", workspace.file("u.csv", managed.userName() + "\n" + other.userName() + "\n").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(atlassian.directory().contains(managed.id())).isTrue();
        assertThat(atlassian.directory().contains(other.id())).isFalse();
        JsonNode entry = workspace.latestReport().get(0);
        assertThat(entry.get("reason").asString()).isEqualTo("managed_elsewhere");
        assertThat(entry.get("http_status").asInt()).isEqualTo(403);
        assertThat(entry.get("message").asString()).contains("managed by another source");
    }

    @Test
    void aCsvOfAccountIdsInDirectoryModeIsResolvedThroughTheAtlassianAttributeNeverSentAsScimIds() {
        List<SandboxUser> before = atlassian.directory().all();
        List<SandboxUser> users = before.subList(12, 14);
        assertThat(users).allSatisfy(u -> assertThat(AtlassianIds.accountIdOf(u.id())).as("the sandbox's two ids differ").isNotEqualTo(u.id()));
        String csv = aaidCsv(users) + "5b10ac8d82e05b22cc7d4ef5\n";

        CliResult result = workspace.purge("--provider", "atlassian", "--url", atlassian.siteUrl().toString(), "--directory-id", "dir-1",
                "--csv", workspace.file("aaids.csv", csv).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(users).allSatisfy(u -> assertThat(atlassian.directory().contains(u.id())).isFalse());
        assertThat(before).filteredOn(u -> !users.contains(u)).allSatisfy(u -> assertThat(atlassian.directory().contains(u.id()))
                .as("outside the input").isTrue());
        List<String> deletes = atlassian.requests().lines().stream().filter(l -> l.startsWith("DELETE")).toList();
        assertThat(deletes).hasSize(2).allSatisfy(l -> assertThat(users.stream().anyMatch(u -> l.contains("/Users/" + u.id()))).as(l).isTrue());
        assertThat(atlassian.requests().lines()).as("no account id is ever sent as a SCIM id").noneMatch(l -> users.stream()
                .anyMatch(u -> l.contains("/Users/" + AtlassianIds.accountIdOf(u.id())))).noneMatch(l -> l.contains("5b10ac8d82e05b22cc7d4ef5"));
        assertThat(workspace.outcomeRows()).anyMatch(row -> row.contains("5b10ac8d82e05b22cc7d4ef5|NOT_FOUND|account_id_not_found"));
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 2L, "NOT_FOUND", 1L));
    }
}
