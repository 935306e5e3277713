package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * {@code --verify}: the real job over real HTTP reads every account back after its removal answered success. A lying
 * DELETE (204, the user left as it was) makes the row {@code not_removed}, a failure with what the server returned; a
 * service that shows the removal late is re-read within the profile's {@code verify.settle-within}; {@code --verify none}
 * sends no read-back; Bulk removals are verified the same way; a removal that deactivates (Anaplan's PATCH, Slack's
 * DELETE) is confirmed by {@code active=false}.
 */
class VerifiedRemovalTest {

    private static final String TOKEN = "verify-test-token";

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void start(SandboxSettings settings) {
        sandbox = SandboxScimServer.start(settings.withToken(TOKEN), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", TOKEN);
    }

    private List<SandboxUser> active(int count) {
        return sandbox.directory().all().stream().filter(SandboxUser::active).limit(count).toList();
    }

    private CliResult purgeCsv(List<SandboxUser> users, String... options) {
        StringBuilder csv = new StringBuilder();
        users.forEach(user -> csv.append(user.emails().get(0)).append('\n'));
        List<String> args = new ArrayList<>(List.of("--url", sandbox.baseUrl().toString(), "--csv",
                workspace.file("leavers.csv", csv.toString()).toString()));
        args.addAll(List.of(options));
        return workspace.purge(args.toArray(String[]::new));
    }

    /** The reads of one user by id: the read-backs (a CSV run of addresses reads no user by id before its removal; Anaplan's does, for a restore). */
    private long readsOf(SandboxUser user, String base) {
        String line = "GET " + base + "/Users/" + ScimBaseUrl.pathSegment(user.id());
        return sandbox.requests().lines().stream().filter(line::equals).count();
    }

    @Test
    void aLyingDeleteLeavesRowsNotRemovedAFailureWithWhatTheServerReturned() throws Exception {
        start(SandboxSettings.defaults().withUsers(10).withFaults(faults -> faults.ignoreRemovals(true)));
        List<SandboxUser> targets = active(3);

        CliResult result = purgeCsv(targets);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().size()).as("the server lied: nobody was removed").isEqualTo(10);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("NOT_REMOVED", 3L));
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(3);
        targets.forEach(user -> assertThat(readsOf(user, "/scim/v2")).as("one read-back, generic settles at once").isEqualTo(1));
        JsonNode report = workspace.latestReport();
        assertThat(report).hasSize(3);
        for (JsonNode entry : report) {
            assertThat(entry.get("reason").asString()).isEqualTo("still_present");
            assertThat(entry.toString()).contains("200").contains("active=true").contains("answered 204");
        }
        assertThat(result.out()).containsPattern("not removed\\s+3").contains("verified      all, read back once");
        assertThat(result.all()).doesNotContain(TOKEN);
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME WHERE MESSAGE LIKE '%" + TOKEN + "%'")).isZero();

        CliResult history = workspace.onDatabase(List.of("history"), "--limit", "1", "--format", "json");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        JsonNode run = JsonMapper.builder().build().readTree(history.out()).get(0);
        assertThat(run.get("not_removed").asLong()).isEqualTo(3);
        assertThat(run.get("deleted").asLong()).isZero();
        CliResult audit = workspace.onDatabase(List.of("audit"), "--outcome", "not_removed");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        targets.forEach(user -> assertThat(audit.out()).contains(user.emails().get(0)));
        Path summaryFile;
        try (var files = java.nio.file.Files.list(workspace.reports())) {
            summaryFile = files.filter(file -> file.getFileName().toString().startsWith("run_summary_")).findFirst().orElseThrow();
        }
        JsonNode summary = JsonMapper.builder().build().readTree(java.nio.file.Files.readString(summaryFile));
        assertThat(summary.get("not_removed").asLong()).isEqualTo(3);
        assertThat(summary.get("verify").asString()).isEqualTo("all");
    }

    @Test
    void verifyNoneSendsNoReadBackAndTrustsTheAnswer() {
        start(SandboxSettings.defaults().withUsers(10).withFaults(faults -> faults.ignoreRemovals(true)));
        List<SandboxUser> targets = active(3);

        CliResult result = purgeCsv(targets, "--verify", "none");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 3L));
        targets.forEach(user -> assertThat(readsOf(user, "/scim/v2")).isZero());
        assertThat(sandbox.requests().lines()).noneMatch(line -> line.matches("GET /scim/v2/Users/[^?]+"));
        assertThat(result.out()).contains("verified      none");
    }

    @Test
    void anHonestDeleteIsConfirmedByA404() {
        start(SandboxSettings.defaults().withUsers(10));
        List<SandboxUser> targets = active(4);

        CliResult result = purgeCsv(targets);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 4L));
        targets.forEach(user -> assertThat(readsOf(user, "/scim/v2")).isEqualTo(1));
        assertThat(workspace.latestReport().get("message").asString()).isEqualTo("All selected users were deleted successfully.");
    }

    @Test
    void bulkRemovalsAreVerifiedToo() {
        start(SandboxSettings.defaults().withUsers(30).withDeactivatedFraction(0.5).withBulk(100, 1 << 20)
                .withFaults(faults -> faults.ignoreRemovals(true)));
        int deactivated = sandbox.directory().deactivated().size();

        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.requests().bulkRequests()).as("the removals went in Bulk").isNotEmpty();
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("NOT_REMOVED", (long) deactivated));
        assertThat(sandbox.directory().deactivated()).hasSize(deactivated);
    }

    @Test
    void honestBulkRemovalsAreConfirmed() {
        start(SandboxSettings.defaults().withUsers(30).withDeactivatedFraction(0.5).withBulk(100, 1 << 20));
        int deactivated = sandbox.directory().deactivated().size();

        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", (long) deactivated));
        assertThat(sandbox.directory().deactivated()).isEmpty();
    }

    @Test
    void aDeactivationShownLateIsReadAgainWithinTheSettleTimeAndConfirmedByActiveFalse() {
        start(SandboxSettings.defaults().withUsers(12).withPersonality(SandboxPersonality.SLACK).withDeleteRateLimit(0, 0)
                .withFaults(faults -> faults.removalsVisibleAfter(Duration.ofMillis(1200))));
        List<SandboxUser> targets = active(3);
        StringBuilder csv = new StringBuilder();
        targets.forEach(user -> csv.append(user.emails().get(0)).append('\n'));

        CliResult result = workspace.purge("--provider", "slack", "--url", sandbox.siteUrl().toString(), "--csv",
                workspace.file("leavers.csv", csv.toString()).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 3L));
        assertThat(targets).allMatch(user -> !sandbox.directory().find(user.id()).orElseThrow().active());
        targets.forEach(user -> assertThat(readsOf(user, "/scim/v2")).as("read until the deactivation showed").isGreaterThan(1));
        assertThat(result.out()).contains("verified      all, re-read for up to 10.0 s");
    }

    @Test
    void aRemovalShownLaterThanTheSettleTimeIsNotRemoved() {
        // generic settles at once: a removal shown only after a while is not confirmed
        start(SandboxSettings.defaults().withUsers(6).withFaults(faults -> faults.removalsVisibleAfter(Duration.ofSeconds(30))));

        CliResult result = purgeCsv(active(2));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("NOT_REMOVED", 2L));
    }

    @Test
    void retryFailedTakesNotRemovedRowsUpAgain() {
        start(SandboxSettings.defaults().withUsers(6).withFaults(faults -> faults.ignoreRemovals(true)));
        List<SandboxUser> targets = active(2);
        CliResult first = purgeCsv(targets);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        long execution = workspace.lastExecution().orElseThrow().id();
        sandbox.faults().ignoreRemovals(false);

        CliResult retry = workspace.purge("--url", sandbox.baseUrl().toString(), "--retry-failed", String.valueOf(execution));

        assertThat(retry.exitCode()).as(retry.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("NOT_REMOVED", 2L, "DELETED", 2L));
        targets.forEach(user -> assertThat(sandbox.directory().find(user.id())).isEmpty());
    }

    @Test
    void aRemovalShownTooLateIsAlreadyGoneWhenItsRowIsRetried() {
        // the removal happened, but the service shows it only after the settle time: not_removed, then, retried,
        // the DELETE answers 404 for an account this run had removed: already gone, not "not found"
        start(SandboxSettings.defaults().withUsers(6).withFaults(faults -> faults.removalsVisibleAfter(Duration.ofSeconds(60))));
        List<SandboxUser> targets = active(2);
        CliResult first = purgeCsv(targets);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        long execution = workspace.lastExecution().orElseThrow().id();

        CliResult retry = workspace.purge("--url", sandbox.baseUrl().toString(), "--retry-failed", String.valueOf(execution));

        assertThat(retry.exitCode()).as(retry.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("NOT_REMOVED", 2L, "ALREADY_GONE", 2L));
    }

    @Test
    void anaplansPatchIsConfirmedByActiveFalseAndALyingPatchIsNotRemoved() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(8).withPersonality(SandboxPersonality.ANAPLAN)
                .withAnaplanCredentials("ops@example.test", "s3cret-pw"), 0);
        workspace = new Workspace(dir).env("ANAPLAN_USER", "ops@example.test").env("ANAPLAN_PASSWORD", "s3cret-pw");
        List<SandboxUser> honest = sandbox.directory().all().subList(0, 2);
        List<SandboxUser> lied = sandbox.directory().all().subList(2, 4);

        CliResult first = anaplan(honest, "honest.csv");
        sandbox.faults().ignoreRemovals(true);
        CliResult second = anaplan(lied, "lied.csv");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 2L, "NOT_REMOVED", 2L));
        // one read before the removal, whose workspaces a restore gives back (keep-resources: needed), and one read-back
        honest.forEach(user -> assertThat(readsOf(user, "/scim/1/0/v2")).isEqualTo(2));
        assertThat(sandbox.requests().count("DELETE")).isZero();
        JsonNode entry = workspace.latestReport().get(0);
        assertThat(entry.get("message").asString()).contains("not deactivated").contains("active=true");
        assertThat(first.all() + second.all()).doesNotContain("s3cret-pw");
    }

    private CliResult anaplan(List<SandboxUser> users, String file, String... options) {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email,User ID,Workspace\n");
        users.forEach(user -> csv.append("A,B,").append(user.emails().get(0)).append(',').append(user.id()).append(",ws\n"));
        List<String> args = new ArrayList<>(List.of("--provider", "anaplan", "--url", sandbox.siteUrl().toString(), "--auth-url",
                sandbox.siteUrl().toString(), "--csv", workspace.file(file, csv.toString()).toString()));
        args.addAll(List.of(options));
        return workspace.purge(args.toArray(String[]::new));
    }

    @Test
    void verifyAllIsRefusedForARemovalReadCannotCheck() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(4).withPersonality(SandboxPersonality.ANAPLAN)
                .withAnaplanCredentials("ops@example.test", "s3cret-pw"), 0);
        workspace = new Workspace(dir).env("ANAPLAN_USER", "ops@example.test").env("ANAPLAN_PASSWORD", "s3cret-pw");
        List<SandboxUser> users = sandbox.directory().all().subList(0, 1);

        CliResult disabled = anaplan(users, "one.csv");
        assertThat(disabled.exitCode()).as("both, the default, deactivates: verified").isEqualTo(ExitCodes.SUCCESS);

        List<SandboxUser> second = sandbox.directory().all().subList(1, 2);
        CliResult explicit = anaplan(second, "two.csv", "--anaplan-action", "remove-workspaces", "--verify", "all");
        assertThat(explicit.exitCode()).as(explicit.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(explicit.err()).contains("--verify all").contains("remove-workspaces").contains("--verify none");

        CliResult byDefault = anaplan(second, "two.csv", "--anaplan-action", "remove-workspaces");
        assertThat(byDefault.exitCode()).as(byDefault.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(byDefault.out()).contains("verified      none (the removal 'remove-workspaces' (patch) leaves nothing");
    }
}
