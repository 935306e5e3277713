package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
}
