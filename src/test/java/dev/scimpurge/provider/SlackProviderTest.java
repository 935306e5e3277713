package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
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

/** --provider slack / slack-v1: DELETE deactivates, pacing under the DELETE limit, 429 Retry-After, v1 filter spelling. */
class SlackProviderTest {

    @TempDir
    Path dir;

    private SandboxScimServer slack;

    @AfterEach
    void stop() {
        slack.close();
    }

    private Workspace workspace() {
        return new Workspace(dir).env("SCIM_TOKEN", "xoxp-test");
    }

    @Test
    void deactivatesAndSaysSoEvenWhenTheServerAnswers429() {
        slack = SandboxScimServer.start(SandboxSettings.defaults().withUsers(40).withToken("xoxp-test")
                .withPersonality(SandboxPersonality.SLACK).withDeleteRateLimit(300, 4), 0);
        List<SandboxUser> targets = slack.directory().all().stream().filter(SandboxUser::active).limit(24).toList();
        StringBuilder csv = new StringBuilder();
        targets.forEach(u -> csv.append(u.emails().get(0)).append('\n'));

        CliResult result = workspace().purge("--provider", "slack", "--url", slack.siteUrl().toString(), "--lookup", "filter",
                "--rate", "50", "--burst", "50", "--csv", workspace().file("leavers.csv", csv.toString()).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(targets).allMatch(t -> !slack.directory().find(t.id()).orElseThrow().active());
        assertThat(slack.directory().size()).as("Slack keeps deactivated users").isEqualTo(40);
        assertThat(result.out()).containsPattern("deactivated\\s+24");
        assertThat(workspace().latestReport().get("message").asString()).isEqualTo("All selected users were deactivated successfully.");
        assertThat(slack.requests().count("DELETE")).as("each 429 was retried after Retry-After").isGreaterThan(24);
        assertThat(slack.requests().lines()).filteredOn(l -> l.contains("filter=emails.value")).isNotEmpty();
    }

    @Test
    void theV1ProfileLooksUpWithItsOwnFilterSpelling() {
        slack = SandboxScimServer.start(SandboxSettings.defaults().withUsers(10).withToken("xoxp-test")
                .withPersonality(SandboxPersonality.SLACK), 0);
        SandboxUser target = slack.directory().all().stream().filter(SandboxUser::active).findFirst().orElseThrow();

        CliResult result = workspace().purge("--provider", "slack-v1", "--url", slack.siteUrl().toString(),
                "--csv", workspace().file("one.csv", target.emails().get(0)).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(slack.directory().find(target.id()).orElseThrow().active()).isFalse();
        assertThat(slack.requests().lines()).filteredOn(l -> l.startsWith("GET /scim/v1/Users?") && l.contains("filter="))
                .allMatch(l -> l.contains("filter=email%20eq") || l.contains("filter=userName%20eq")).isNotEmpty();
        assertThat(slack.requests().lines()).noneMatch(l -> l.contains("emails.value"));
    }

    private SandboxScimServer startSlack(int users) {
        return SandboxScimServer.start(SandboxSettings.defaults().withUsers(users).withToken("xoxp-test")
                .withPersonality(SandboxPersonality.SLACK), 0);
    }

    private List<SandboxUser> activeUsers(int count) {
        return slack.directory().all().stream().filter(SandboxUser::active).limit(count).toList();
    }

    private String csvOf(List<SandboxUser> users) {
        StringBuilder csv = new StringBuilder();
        users.forEach(u -> csv.append(u.emails().get(0)).append('\n'));
        return csv.toString();
    }

    private static JsonNode entryFor(JsonNode report, SandboxUser user) {
        for (JsonNode entry : report) {
            if (user.id().equals(entry.path("account_id").asString(""))) {
                return entry;
            }
        }
        throw new AssertionError("no report entry for " + user.id() + " in " + report);
    }

    @Test
    void documentedRefusalsGetTheirOwnReasonInTheV2ErrorShape() {
        slack = startSlack(12);
        List<SandboxUser> users = activeUsers(3);
        slack.faults().failUser(users.get(0).id(), 400, "cannot_disable_primary_owner");
        slack.faults().failUser(users.get(1).id(), 400, "cannot_modify_gdpr");

        CliResult result = workspace().purge("--provider", "slack", "--url", slack.siteUrl().toString(),
                "--csv", workspace().file("leavers.csv", csvOf(users)).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        JsonNode report = workspace().latestReport();
        JsonNode owner = entryFor(report, users.get(0));
        assertThat(owner.get("reason").asString()).isEqualTo("primary_owner");
        assertThat(owner.get("message").asString()).contains("make another member the primary owner first")
                .contains("cannot_disable_primary_owner");
        assertThat(entryFor(report, users.get(1)).get("reason").asString()).isEqualTo("gdpr_forgotten");
        assertThat(slack.directory().find(users.get(0).id()).orElseThrow().active()).isTrue();
        assertThat(slack.directory().find(users.get(2).id()).orElseThrow().active()).isFalse();
        assertThat(slack.requests().lines()).filteredOn(l -> l.startsWith("DELETE /scim/v2/Users/" + users.get(0).id()))
                .as("a documented refusal is final, not retried").hasSize(1);
    }

    @Test
    void theV1ErrorShapeIsReadToo() {
        slack = startSlack(12);
        SandboxUser bot = activeUsers(1).get(0);
        slack.faults().failUser(bot.id(), 400, "cannot_disable_bot_user_with_scim");

        CliResult result = workspace().purge("--provider", "slack-v1", "--url", slack.siteUrl().toString(),
                "--csv", workspace().file("bot.csv", csvOf(List.of(bot))).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        JsonNode entry = workspace().latestReport().get(0);
        assertThat(entry.get("reason").asString()).isEqualTo("bot_user");
        assertThat(entry.get("message").asString()).contains("bot's admin page").contains("cannot_disable_bot_user_with_scim");
        assertThat(entry.get("http_status").asInt()).isEqualTo(400);
    }

    @Test
    void addressesAreLookedUpByTheEmailFilterOnlyBecauseSlackUserNamesAreHandles() {
        slack = startSlack(12);
        SandboxUser user = activeUsers(1).get(0);
        assertThat(user.userName()).doesNotContain("@").hasSizeLessThanOrEqualTo(21);

        CliResult result = workspace().purge("--provider", "slack", "--url", slack.siteUrl().toString(), "--lookup", "filter",
                "--csv", workspace().file("l.csv", user.emails().get(0) + "\nnobody@example.test\n").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(slack.directory().find(user.id()).orElseThrow().active()).isFalse();
        assertThat(workspace().latestReport().get(0).get("reason").asString()).isEqualTo("email_not_found");
        assertThat(slack.requests().lines()).as("no userName lookup, which can never match an address")
                .noneMatch(l -> l.contains("userName"));
    }

    @Test
    void thePacingCountsOnlyTheRemovalsNotTheLookupsAndReReads() {
        slack = startSlack(20);
        List<SandboxUser> users = activeUsers(8);

        long started = System.nanoTime();
        CliResult result = workspace().purge("--provider", "slack", "--url", slack.siteUrl().toString(), "--lookup", "filter",
                "--rate", "1", "--burst", "1", "--csv", workspace().file("eight.csv", csvOf(users)).toString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(users).allMatch(u -> !slack.directory().find(u.id()).orElseThrow().active());
        assertThat(slack.requests().count("GET")).as("a lookup each").isGreaterThanOrEqualTo(8);
        assertThat(took).as("8 DELETEs at 1/s take 7 s; pacing the 8 lookups too would take 15 s")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(7)).isLessThan(Duration.ofSeconds(14));
    }
}
