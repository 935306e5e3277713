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
import tools.jackson.databind.JsonNode;

/** --provider stackoverflow against the sandbox playing Stack Overflow for Teams, with the reference script's flags. */
class StackOverflowProviderTest {

    @TempDir
    Path dir;

    private SandboxScimServer site;
    private Workspace workspace;

    @BeforeEach
    void start() {
        site = SandboxScimServer.start(SandboxSettings.defaults().withUsers(60).withToken("so-token")
                .withPersonality(SandboxPersonality.STACKOVERFLOW), 0);
        workspace = new Workspace(dir);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    /** @param type Moderator, Admin, or Registered: a user without a userType, as Stack Overflow holds them */
    private SandboxUser userOfType(String type, int skip) {
        return site.directory().all().stream()
                .filter(u -> "Registered".equals(type) ? u.userType() == null : type.equals(u.userType()))
                .skip(skip).findFirst().orElseThrow();
    }

    private String auditMessage(SandboxUser user) {
        return workspace.queryStrings("SELECT MESSAGE FROM PURGE_OUTCOME WHERE ACCOUNT_ID = ?", user.id()).get(0);
    }

    /** The reference script's command line: --url SITE --token TOKEN --csv users.csv (one email a line, no header). */
    private CliResult referenceRun(Path csv) {
        return workspace.purge("--provider", "stackoverflow", "--url", site.siteUrl().toString(), "--token", "so-token",
                "--csv", csv.toString());
    }

    @Test
    void theReferenceScriptsUsersCsvAndFlagsWorkAndModeratorsAreDemotedThenDeleted() {
        SandboxUser registered = userOfType("Registered", 0);
        SandboxUser moderator = userOfType("Moderator", 0);
        SandboxUser admin = userOfType("Admin", 0);
        Path csv = workspace.file("users.csv", registered.emails().get(0) + "\n" + moderator.emails().get(0) + "\n"
                + admin.emails().get(0) + "\n");

        CliResult result = referenceRun(csv);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.err()).contains("WARNING: --token");
        assertThat(site.directory().contains(registered.id())).isFalse();
        assertThat(site.directory().contains(moderator.id())).isFalse();
        assertThat(site.directory().contains(admin.id())).isFalse();
        assertThat(site.requests().lines()).filteredOn(l -> l.contains("/api/scim/v2/users")).isNotEmpty();
        assertThat(site.requests().count("PATCH")).as("one demotion each for the moderator and the admin").isEqualTo(2);
        assertThat(site.requests().count("DELETE")).isEqualTo(5);
        assertThat(workspace.latestReport().get("status").asString()).isEqualTo("success");
        assertThat(auditMessage(moderator)).isEqualTo("demoted from Moderator to Registered, then deleted");
        assertThat(auditMessage(admin)).isEqualTo("demoted from Admin to Registered, then deleted");
        assertThat(auditMessage(registered)).isEqualTo("deleted");
    }

    @Test
    void aModeratorWhoseDeletionFailsAfterTheDemotionIsReportedAsDemoted() {
        SandboxUser moderator = userOfType("Moderator", 2);
        site.faults().markCommunityCreator(moderator.id());

        CliResult result = referenceRun(workspace.file("users.csv", moderator.emails().get(0) + "\n"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(site.directory().find(moderator.id()).orElseThrow().userType()).as("now Registered").isNull();
        JsonNode entry = workspace.latestReport().get(0);
        assertThat(entry.get("reason").asString()).isEqualTo("community_creator");
        assertThat(entry.get("message").asString()).contains("demoted from Moderator to Registered before this deletion");
        assertThat(auditMessage(moderator)).contains("demoted from Moderator to Registered");
    }

    @Test
    void aSystemAccountGetsItsOwnReason() {
        SandboxUser system = userOfType("Registered", 4);
        site.faults().markSystemAccount(system.id());

        CliResult result = referenceRun(workspace.file("users.csv", system.emails().get(0) + "\n"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(site.directory().contains(system.id())).isTrue();
        JsonNode entry = workspace.latestReport().get(0);
        assertThat(entry.get("reason").asString()).isEqualTo("system_account");
        assertThat(entry.get("http_status").asInt()).isEqualTo(400);
        assertThat(entry.get("message").asString()).contains("System Account").contains("You cannot delete or destroy System Accounts.");
    }

    @Test
    void aUrlThatIsAlreadyTheScimBaseIsRefusedNotDoubled() {
        SandboxUser user = userOfType("Registered", 5);

        CliResult result = workspace.env("SCIM_TOKEN", "so-token").purge("--provider", "stackoverflow",
                "--url", site.siteUrl() + "/api/scim/v2", "--csv", workspace.file("u.csv", user.emails().get(0)).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("already ends with /api/scim/v2").contains("--url " + site.siteUrl());
        assertThat(site.requests().lines()).isEmpty();
        assertThat(site.directory().contains(user.id())).isTrue();
    }

    @Test
    void aModeratorIsNotDeletedWhenSCIMMayNotChangeRolesAndTheReportSaysWhatToEnable() {
        site.faults().roleChangesAllowed(false);
        SandboxUser moderator = userOfType("Moderator", 1);

        CliResult result = referenceRun(workspace.file("users.csv", moderator.emails().get(0) + "\n"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(site.directory().contains(moderator.id())).isTrue();
        JsonNode entry = workspace.latestReport().get(0);
        assertThat(entry.get("reason").asString()).isEqualTo("role_not_changeable");
        assertThat(entry.get("message").asString()).contains("Allow Moderator Promotion via a userType property")
                .contains("Allow SCIM to manage user roles");
        assertThat(entry.get("account_url").asString()).isEqualTo(site.siteUrl() + "/accounts/" + moderator.id());
    }

    @Test
    void aCommunityCreatorAndADisabledDeletionGetTheirOwnExplanations() {
        SandboxUser creator = userOfType("Registered", 1);
        site.faults().markCommunityCreator(creator.id());
        CliResult first = referenceRun(workspace.file("a.csv", creator.emails().get(0) + "\n"));
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        JsonNode creatorEntry = workspace.latestReport().get(0);
        assertThat(creatorEntry.get("reason").asString()).isEqualTo("community_creator");
        assertThat(creatorEntry.get("message").asString()).contains("contact Stack Overflow support");
        assertThat(creatorEntry.get("http_status").asInt()).isEqualTo(500);

        site.faults().deletionEnabled(false);
        SandboxUser other = userOfType("Registered", 2);
        CliResult second = referenceRun(workspace.file("b.csv", other.emails().get(0) + "\n"));
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        JsonNode disabled = StreamOf.last(workspace.latestReport());
        assertThat(disabled.get("outcome").asString()).isEqualTo("not_found");
        assertThat(disabled.get("message").asString()).contains("deletion over SCIM is not enabled");
        assertThat(site.directory().contains(other.id())).isTrue();
    }

    @Test
    void businessSitesUseTheAuthPathChosenByHostOrGivenExplicitly() {
        SandboxUser user = userOfType("Registered", 3);
        CliResult result = workspace.env("SCIM_TOKEN", "so-token").purge("--provider", "stackoverflow",
                "--url", site.siteUrl().toString(), "--scim-base", site.siteUrl() + "/auth/scim/v2",
                "--csv", workspace.file("u.csv", user.emails().get(0)).toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(site.requests().lines()).filteredOn(l -> l.startsWith("DELETE")).allMatch(l -> l.startsWith("DELETE /auth/scim/v2/users/"));
    }

    /** Last element of a JSON array. */
    static final class StreamOf {
        static JsonNode last(JsonNode array) {
            List<JsonNode> all = new java.util.ArrayList<>();
            array.forEach(all::add);
            return all.get(all.size() - 1);
        }
    }
}
