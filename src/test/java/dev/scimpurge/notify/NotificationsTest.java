package dev.scimpurge.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.FailingRuns;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications at the end of real runs against the sandbox over HTTP, delivered to real receivers
 * on loopback: an HTTP server for the webhook and Slack formats, GreenMail's SMTP server for email.
 */
class NotificationsTest {

    private static final String TOKEN = "tok-NOTIFY-never-in-a-payload-4711";

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private WebhookReceiver receiver;
    private GreenMail smtp;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(100).withDeactivatedFraction(0.3).withToken(TOKEN), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", TOKEN);
        receiver = new WebhookReceiver();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
        receiver.close();
        sandbox.close();
    }

    private Path csvOf(int from, int to, String... extra) {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i <= to; i++) {
            csv.append(String.format("user%05d@example.test%n", i));
        }
        for (String line : extra) {
            csv.append(line).append('\n');
        }
        return workspace.file("users-" + from + "-" + to + ".csv", csv.toString());
    }

    /** A config file with the three destinations, and whatever else the test adds under scim-purge.notify. */
    private Path config(String... notifyLines) {
        StringBuilder yaml = new StringBuilder("""
                scim-purge:
                  notify:
                    slack: [%s]
                    email:
                      to: [ops@example.test]
                      from: purge@example.test
                    retry-delay: 10ms
                """.formatted(receiver.url("/slack")));
        for (String line : notifyLines) {
            yaml.append("    ").append(line).append('\n');
        }
        yaml.append("""
                spring:
                  mail:
                    host: 127.0.0.1
                    port: %d
                """.formatted(smtp.getSmtp().getPort()));
        return workspace.file("notify.yml", yaml.toString());
    }

    private JsonNode onlyWebhook() {
        assertThat(receiver.at("/hook")).as("one webhook delivery").hasSize(1);
        return json.readTree(receiver.at("/hook").get(0).body());
    }

    @Test
    void aRefusedRunNotifiesEveryDestinationWithTheGuardsFigures() throws Exception {
        CliResult refused = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 12).toString(),
                "--max-deletes", "10", "--notify", receiver.url("/hook").toString(), "--config", config().toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        JsonNode hook = onlyWebhook();
        assertThat(receiver.at("/hook").get(0).contentType()).startsWith("application/json");
        assertThat(hook.get("event").asString()).isEqualTo("refused");
        assertThat(hook.get("exit_code").asInt()).isEqualTo(3);
        assertThat(hook.get("target").asString()).isEqualTo(sandbox.baseUrl().toString());
        assertThat(hook.get("execution_id").asLong()).isEqualTo(workspace.lastExecution().orElseThrow().id());
        assertThat(hook.get("read").asLong()).isEqualTo(12);
        assertThat(hook.get("counts").get("deleted").asLong()).isZero();
        assertThat(hook.get("counts").get("pending").asLong()).isEqualTo(12);
        JsonNode guard = hook.get("guard");
        assertThat(guard.get("guard").asString()).isEqualTo("max_deletes");
        assertThat(guard.get("planned").asLong()).isEqualTo(12);
        assertThat(guard.get("max_deletes").asLong()).isEqualTo(10);
        assertThat(guard.get("release").asString()).isEqualTo("--max-deletes 12");
        assertThat(guard.get("message").asString()).contains("12 accounts would be deleted, more than --max-deletes 10");
        assertThat(hook.get("reports").get("plan").asString()).contains("planned_deletions_");
        assertThat(Path.of(hook.get("reports").get("plan").asString())).exists();
        assertThat(hook.get("reports").get("failure_report").asString()).contains("failed_deletions_");
        assertThat(hook.get("reports").get("run_summary").asString())
                .endsWith("run_summary_" + hook.get("execution_id").asLong() + ".json");

        assertThat(receiver.at("/slack")).hasSize(1);
        String slackText = json.readTree(receiver.at("/slack").get(0).body()).get("text").asString();
        assertThat(slackText).contains("refused by a safety guard", "12 planned, --max-deletes 10", "--max-deletes 12");

        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@example.test");
        assertThat(mail.getSubject()).contains("refused by a safety guard", "exit code 3");
        assertThat(GreenMailUtil.getBody(mail)).contains("12 planned, --max-deletes 10", "--max-deletes 12");

        for (WebhookReceiver.Received received : receiver.all()) {
            assertThat(received.body()).doesNotContain(TOKEN).doesNotContain("user00001");
        }
        assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain(TOKEN).doesNotContain("user00001");
    }

    /** A guard of the history compares other figures than --max-deletes: the notice gives those, not the fixed limits. */
    @Test
    void aRunRefusedByAGuardOfTheHistoryIsNotifiedWithTheFiguresThatGuardCompared() throws Exception {
        int before = sandbox.directory().size();
        CliResult quiet = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 1).toString());
        assertThat(quiet.exitCode()).as(quiet.toString()).isEqualTo(ExitCodes.SUCCESS);
        // the next CSV names 12 users, more than the floor under which the history guards never refuse; 60 others leave
        sandbox.directory().all().stream().filter(user -> user.emails().stream().noneMatch(this::inTheNextCsv)).limit(60)
                .forEach(user -> sandbox.directory().remove(user.id()));
        String shrank = "The directory lists " + (before - 61) + " users, " + String.format(Locale.ROOT, "%.1f", 6100.0 / before)
                + "% fewer than the " + before;

        CliResult refused = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(2, 13).toString(),
                "--notify", receiver.url("/hook").toString(), "--config", config().toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(onlyWebhook().get("guard").get("guard").asString()).isEqualTo("max_shrink_percent");
        String slackText = json.readTree(receiver.at("/slack").get(0).body()).get("text").asString();
        assertThat(slackText).contains("guard max-shrink-percent: " + shrank).doesNotContain("--max-deletes 500");
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])).contains(shrank).doesNotContain("--max-deletes 500");
    }

    private boolean inTheNextCsv(String email) {
        return email.matches("user000(0[2-9]|1[0-3])@example.test");
    }

    @Test
    void failedRowsAreNotifiedWithoutAddressesUnlessDetailsAreAsked() throws Exception {
        CliResult run = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 3, "ghost@example.test").toString(),
                "--notify", receiver.url("/hook").toString(), "--config", config().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        JsonNode hook = onlyWebhook();
        assertThat(hook.get("event").asString()).isEqualTo("failed");
        assertThat(hook.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(hook.get("exit_code").asInt()).isEqualTo(1);
        assertThat(hook.get("counts").get("deleted").asLong()).isEqualTo(3);
        assertThat(hook.get("counts").get("not_found").asLong()).isEqualTo(1);
        assertThat(hook.has("guard")).isFalse();
        assertThat(hook.has("rows")).isFalse();
        assertThat(hook.get("audit_chain_head").asString()).matches("[0-9a-f]{64}")
                .isEqualTo(workspace.queryValue(String.class, "SELECT LAST_HASH FROM PURGE_OUTCOME_CHAIN_HEAD"));
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        for (WebhookReceiver.Received received : receiver.all()) {
            assertThat(received.body()).doesNotContain("ghost@example.test").doesNotContain("user00001").doesNotContain(TOKEN);
        }
        assertThat(GreenMailUtil.getWholeMessage(smtp.getReceivedMessages()[0])).doesNotContain("ghost@example.test");

        CliResult detailed = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(4, 5, "ghost@example.test").toString(),
                "--notify", receiver.url("/hook2").toString(), "--config", config("details: true").toString());

        assertThat(detailed.exitCode()).isEqualTo(ExitCodes.ITEMS_FAILED);
        JsonNode rows = json.readTree(receiver.at("/hook2").get(0).body()).get("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("input").asString()).isEqualTo("ghost@example.test");
        assertThat(rows.get(0).get("outcome").asString()).isEqualTo("not_found");
        assertThat(receiver.at("/hook2").get(0).body()).doesNotContain(TOKEN);
    }

    @Test
    void aSuccessIsNotifiedOnlyWhenAsked() {
        CliResult quiet = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 2).toString(),
                "--notify", receiver.url("/hook").toString());
        assertThat(quiet.exitCode()).as(quiet.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(receiver.all()).as("a success is not notified by default").isEmpty();

        // written as operators write it: a bare on, which YAML 1.1 reads as the key true
        CliResult told = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(3, 4).toString(),
                "--notify", receiver.url("/hook").toString(), "--config", config("on: [completed]").toString());

        assertThat(told.exitCode()).as(told.toString()).isEqualTo(ExitCodes.SUCCESS);
        JsonNode hook = onlyWebhook();
        assertThat(hook.get("event").asString()).isEqualTo("completed");
        assertThat(hook.get("exit_code").asInt()).isZero();
        assertThat(hook.get("counts").get("deleted").asLong()).isEqualTo(2);
        assertThat(receiver.at("/slack")).hasSize(1);
    }

    @Test
    void anUndeliverableNotificationChangesNeitherTheOutcomeNorTheExitCode() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        receiver.answer(500);
        CliResult run = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 3, "ghost@example.test").toString(),
                "--notify", "http://127.0.0.1:" + closedPort + "/nobody", "--config", config().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().size()).isEqualTo(97);
        assertThat(workspace.lastExecution().orElseThrow().status()).isEqualTo("COMPLETED");
        assertThat(receiver.at("/slack")).as("a receiver that answers 500 is tried again, three times in all").hasSize(3);
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).as("the other destinations are still told").isTrue();

        Path smtpGone = config();
        smtp.stop();
        CliResult refused = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(10, 22).toString(),
                "--max-deletes", "10", "--config", smtpGone.toString());
        assertThat(refused.exitCode()).as("SMTP down: " + refused).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
    }

    @Test
    void aFailedJobIsNotifiedWithItsPendingRows() {
        FailingRuns.revokeTheTokenAfterTheCheck(sandbox);

        CliResult failed = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 4).toString(),
                "--notify", receiver.url("/hook").toString());

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        JsonNode hook = onlyWebhook();
        assertThat(hook.get("event").asString()).isEqualTo("failed");
        assertThat(hook.get("status").asString()).isEqualTo("FAILED");
        assertThat(hook.get("exit_code").asInt()).isEqualTo(2);
        assertThat(hook.get("counts").get("pending").asLong()).isEqualTo(4);
        assertThat(hook.get("counts").get("deleted").asLong()).isZero();
        assertThat(receiver.at("/hook").get(0).body()).doesNotContain(TOKEN);
    }

    @Test
    void anUndeliverableNotificationIsOneLogLineThatNamesNoSecret() throws Exception {
        receiver.answer(503);
        Path secretSlack = workspace.file("slack.yml", """
                scim-purge:
                  notify:
                    slack: [%s]
                    retry-delay: 10ms
                """.formatted(receiver.url("/services/T0/B0/secret-path-of-the-webhook")));
        try (ScimPurgeProcess run = workspace.startInAnotherJvm("undeliverable", workspace.purgeArguments("--url",
                sandbox.baseUrl().toString(), "--csv", csvOf(1, 2, "ghost@example.test").toString(), "--config", secretSlack.toString()))) {
            assertThat(run.awaitExit(Duration.ofSeconds(90))).as(run.output()).isEqualTo(ExitCodes.ITEMS_FAILED);
            List<String> warnings = run.output().lines().filter(l -> l.contains("Could not notify")).toList();
            assertThat(warnings).as(run.output()).hasSize(1);
            assertThat(warnings.get(0)).contains("the Slack webhook at http://127.0.0.1:", "after 3 attempt(s): it answered HTTP 503",
                    "exit code are unchanged");
            assertThat(run.output()).doesNotContain("secret-path-of-the-webhook").doesNotContain(TOKEN).doesNotContain("\tat ");
        }
        assertThat(receiver.all()).hasSize(3);
    }

    @Test
    void notificationSettingsThatCannotWorkDoNotStopThePurge() {
        Path config = workspace.file("no-smtp.yml",
                "scim-purge:\n  notify:\n    \"on\": [completed]\n    slack: [\"mailto:ops@example.test\"]\n    email:\n      to: [ops@example.test]\n");

        CliResult run = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 2).toString(), "--config", config.toString(),
                "--notify", receiver.url("/hook").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().size()).isEqualTo(98);
        assertThat(onlyWebhook().get("event").asString()).as("the destination that can work is told").isEqualTo("completed");
    }

    @Test
    void aRunStoppedBySigtermIsNotifiedAsStopped() throws Exception {
        SandboxScimServer slow = SandboxScimServer.start(SandboxSettings.defaults().withUsers(300).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(10)).withToken(TOKEN), 0);
        try (ScimPurgeProcess purge = workspace.startInAnotherJvm("stopped", workspace.purgeArguments("--url", slow.baseUrl().toString(),
                "--deactivated", "--max-deletes", "1000", "--notify", receiver.url("/hook").toString()))) {
            Poll.until("the purge removes users", Duration.ofSeconds(60), () -> slow.requests().count("DELETE") >= 40 || !purge.isAlive());
            assertThat(purge.isAlive()).as(purge.output()).isTrue();
            purge.terminate();

            assertThat(purge.awaitExit(Duration.ofSeconds(60))).as(purge.output()).isEqualTo(ExitCodes.JOB_FAILED);
        } finally {
            slow.close();
        }
        JsonNode hook = onlyWebhook();
        assertThat(hook.get("event").asString()).isEqualTo("stopped");
        assertThat(hook.get("status").asString()).isEqualTo("STOPPED");
        assertThat(hook.get("exit_code").asInt()).isEqualTo(2);
        assertThat(hook.get("counts").get("deleted").asLong()).isPositive();
        assertThat(hook.get("counts").get("pending").asLong()).isPositive();
        assertThat(hook.get("counts").get("deleted").asLong() + hook.get("counts").get("pending").asLong()).isEqualTo(300);
    }

    @Test
    void aNotifyUrlThatIsNotHttpIsAUsageError() {
        CliResult run = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 2).toString(),
                "--notify", "file:///etc/passwd");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--notify").doesNotContain("Exception");
        assertThat(sandbox.directory().size()).isEqualTo(100);
    }
}
