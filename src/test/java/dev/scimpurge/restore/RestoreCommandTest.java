package dev.scimpurge.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.provider.ProviderProfiles;
import dev.scimpurge.provider.RehearsalSandbox;
import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;

/**
 * {@code scim-purge restore} end to end over real HTTP against the sandbox: the purge keeps each user's resource as the
 * server served it before removing it; a restore reactivates what a deactivating PATCH removed (Zoom) and gives Anaplan's
 * workspace entitlements back; a hard DELETE is said to be irreversible, with what was kept; subsets, dry run,
 * confirmation, wrong executions; the restore's outcomes in the audit chain; and history prune removes the kept data.
 * On H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class RestoreCommandTest {

    private static final String TOKEN = "restore-test-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private String url;
    private String provider;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** A sandbox playing a shipped profile from its {@code sandbox:} section (zoom: a PATCH of active false removes). */
    private void startPlayed(String name, SandboxSettings settings) {
        var profile = ProviderProfiles.standard().load(name);
        sandbox = SandboxScimServer.start(settings.withToken(TOKEN).withProfile(RehearsalSandbox.of(profile).orElseThrow()), 0);
        url = (RehearsalSandbox.baseIsTheUrl(profile) ? sandbox.baseUrl() : sandbox.siteUrl()).toString();
        provider = name;
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", TOKEN);
    }

    private void startGeneric(SandboxSettings settings) {
        sandbox = SandboxScimServer.start(settings.withToken(TOKEN), 0);
        url = sandbox.baseUrl().toString();
        provider = "generic";
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", TOKEN);
    }

    private List<String> target(String... more) {
        List<String> args = new ArrayList<>(List.of("--provider", provider, "--url", url));
        args.addAll(List.of(more));
        return args;
    }

    private CliResult purgeCsv(List<SandboxUser> users, String... more) {
        StringBuilder csv = new StringBuilder("email\n");
        users.forEach(u -> csv.append(u.emails().isEmpty() ? u.userName() : u.emails().get(0)).append('\n'));
        List<String> args = target("--csv", workspace.file("leavers.csv", csv.toString()).toString());
        args.addAll(List.of(more));
        return workspace.purge(args.toArray(String[]::new));
    }

    /** A Zoom sandbox of {@code users} active users, the first {@code removed} of them deactivated by a purge (not read back). */
    private List<SandboxUser> deactivatedOnZoom(int users, int removed) {
        startPlayed("zoom", SandboxSettings.defaults().withUsers(users).withDeactivatedFraction(0));
        List<SandboxUser> targets = sandbox.directory().all().subList(0, removed);
        CliResult purge = purgeCsv(targets, "--verify", "none");
        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(targets).noneMatch(this::activeNow);
        return targets;
    }

    /** {@code restore --execution N ARGS} on our job database, with --yes unless told otherwise. */
    private CliResult restore(long execution, String... more) {
        List<String> args = new ArrayList<>(List.of("restore"));
        args.addAll(target("--execution", Long.toString(execution)));
        args.addAll(List.of(more));
        return workspace.command(args.toArray(String[]::new));
    }

    private long lastPurgeExecution() {
        return workspace.queryValue(Long.class, "SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
    }

    private int writes() {
        return sandbox.requests().count("PATCH") + sandbox.requests().count("DELETE") + sandbox.requests().count("PUT")
                + sandbox.requests().count("POST");
    }

    /** The user as the sandbox serves it to a GET of /Users/{id}. */
    private JsonNode served(String base, SandboxUser user) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/Users/" + ScimBaseUrl.pathSegment(user.id())))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/scim+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private JsonNode kept(String accountId) {
        String json = workspace.queryValue(String.class,
                "SELECT RESOURCE_JSON FROM PURGE_REMOVED_RESOURCE WHERE ACCOUNT_ID = ? ORDER BY READ_AT DESC", accountId);
        assertThat(json).as("a resource kept for " + accountId).isNotNull();
        return JSON.readTree(json);
    }

    /** The lines of stderr that say what is wrong (every usage error is followed by the hint to --help). */
    private static List<String> problemLines(CliResult result) {
        return result.err().strip().lines().filter(line -> !line.startsWith("Run 'scim-purge restore --help'")).toList();
    }

    private boolean activeNow(SandboxUser user) {
        return sandbox.directory().find(user.id()).orElseThrow().active();
    }

    @Test
    void aDeactivationIsKeptAsServedAndRestoredThenAuditedInTheChain() throws Exception {
        startPlayed("zoom", SandboxSettings.defaults().withUsers(10).withDeactivatedFraction(0));
        List<SandboxUser> targets = sandbox.directory().all().subList(1, 4);
        Map<String, JsonNode> servedBefore = new java.util.HashMap<>();
        for (SandboxUser user : targets) {
            servedBefore.put(user.id(), served(sandbox.baseUrl().toString(), user));
        }
        int requestsBefore = sandbox.requests().lines().size();

        CliResult purge = purgeCsv(targets, "--verify", "none", "--lookup", "filter");

        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(targets).noneMatch(this::activeNow);
        long execution = lastPurgeExecution();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_REMOVED_RESOURCE")).isEqualTo(3);
        for (SandboxUser user : targets) {
            assertThat(kept(user.id())).as("the lookup's answer, as the server served it").isEqualTo(servedBefore.get(user.id()));
        }
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_REMOVED_RESOURCE WHERE RESOURCE_JSON LIKE '%" + TOKEN + "%'")).isZero();
        assertThat(sandbox.requests().lines().subList(requestsBefore, sandbox.requests().lines().size()))
                .as("no read of a user by id was added to the purge for keeping: the lookups are the reads")
                .noneMatch(l -> l.startsWith("GET /scim2/Users/"));
        int writesBefore = writes();

        CliResult restored = restore(execution, "--yes");

        assertThat(restored.exitCode()).as(restored.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(targets).allMatch(this::activeNow);
        assertThat(writes() - writesBefore).as("one PATCH per account").isEqualTo(3);
        assertThat(sandbox.directory().all()).filteredOn(u -> targets.stream().noneMatch(t -> t.id().equals(u.id())))
                .allMatch(SandboxUser::active);
        assertThat(restored.out()).contains("restored").containsPattern("restored\\s+3");
        long restoreExecution = lastPurgeExecution();
        assertThat(restoreExecution).isGreaterThan(execution);
        assertThat(workspace.queryStrings("SELECT OUTCOME FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?", restoreExecution))
                .containsOnly("RESTORED").hasSize(3);
        assertThat(workspace.queryStrings("SELECT HTTP_STATUS FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?", restoreExecution))
                .containsOnly("200");
        assertThat(restored.all()).doesNotContain(TOKEN);

        CliResult audit = workspace.onDatabase(List.of("audit"), "--outcome", "restored");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        targets.forEach(user -> assertThat(audit.out()).contains(user.emails().get(0)));
        CliResult verify = workspace.onDatabase(List.of("audit", "verify"));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        CliResult history = workspace.onDatabase(List.of("history"), "--limit", "1", "--format", "json");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        JsonNode run = JSON.readTree(history.out()).get(0);
        assertThat(run.get("execution").asLong()).isEqualTo(restoreExecution);
        assertThat(run.toString()).contains("restore of " + execution);
    }

    @Test
    void aDryRunSendsNothingAndOverTheLimitOrWithoutConfirmationNothingIsSentOrRecorded() {
        List<SandboxUser> targets = deactivatedOnZoom(6, 2);
        long execution = lastPurgeExecution();
        int writesBefore = writes();
        long rowsBefore = workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME");

        CliResult dryRun = restore(execution, "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(writes()).as("a dry run sends no write").isEqualTo(writesBefore);
        assertThat(targets).noneMatch(this::activeNow);
        assertThat(workspace.queryStrings("SELECT OUTCOME FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?", lastPurgeExecution()))
                .containsOnly("PLANNED").hasSize(2);
        long rowsAfterDryRun = workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME");
        assertThat(rowsAfterDryRun).isEqualTo(rowsBefore + 2);

        CliResult overTheLimit = restore(execution, "--max-restores", "1", "--yes");

        assertThat(overTheLimit.exitCode()).as(overTheLimit.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(overTheLimit.err()).contains("2 accounts would be restored, more than --max-restores 1");
        assertThat(writes()).isEqualTo(writesBefore);
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME")).isEqualTo(rowsAfterDryRun);

        CliResult unconfirmed = restore(execution);

        assertThat(unconfirmed.exitCode()).as(unconfirmed.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(unconfirmed.err()).contains("--yes").contains("Nothing was sent");
        assertThat(unconfirmed.showsStackTrace()).isFalse();
        assertThat(writes()).as("not confirmed: nothing sent").isEqualTo(writesBefore);
        assertThat(targets).noneMatch(this::activeNow);
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME")).as("nothing recorded").isEqualTo(rowsAfterDryRun);
        assertThat(workspace.onDatabase(List.of("audit", "verify")).exitCode()).isZero();
    }

    @Test
    void anAccountIdOrACsvRestoresOnlyThoseAndOneNotRemovedIsAUsageError() {
        List<SandboxUser> targets = deactivatedOnZoom(8, 3);
        long execution = lastPurgeExecution();
        SandboxUser bystander = sandbox.directory().all().get(6);
        int writesBefore = writes();

        CliResult notRemoved = restore(execution, "--account-id", bystander.id(), "--yes");

        assertThat(notRemoved.exitCode()).as(notRemoved.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(problemLines(notRemoved)).hasSize(1);
        assertThat(notRemoved.err()).contains("did not remove " + bystander.id());
        assertThat(writes()).isEqualTo(writesBefore);

        CliResult one = restore(execution, "--account-id", targets.get(0).id(), "--yes");

        assertThat(one.exitCode()).as(one.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(activeNow(targets.get(0))).isTrue();
        assertThat(activeNow(targets.get(1))).isFalse();
        assertThat(activeNow(targets.get(2))).isFalse();
        assertThat(writes() - writesBefore).isEqualTo(1);

        Path csv = workspace.file("back.csv", "email\n" + targets.get(2).emails().get(0).toUpperCase(java.util.Locale.ROOT) + "\n");
        CliResult byCsv = restore(execution, "--csv", csv.toString(), "--yes");

        assertThat(byCsv.exitCode()).as(byCsv.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(activeNow(targets.get(2))).isTrue();
        assertThat(activeNow(targets.get(1))).as("not in the CSV").isFalse();
        assertThat(writes() - writesBefore).isEqualTo(2);
        assertThat(workspace.queryStrings("SELECT ACCOUNT_ID FROM PURGE_OUTCOME WHERE OUTCOME = 'RESTORED' ORDER BY OUTCOME_ID"))
                .containsExactly(targets.get(0).id(), targets.get(2).id());
    }

    @Test
    void anUnknownExecutionOrAnotherTargetIsAOneLineUsageError() {
        deactivatedOnZoom(4, 1);
        int requests = sandbox.requests().lines().size();

        CliResult unknown = restore(999);

        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(problemLines(unknown)).hasSize(1);
        assertThat(unknown.err()).contains("no purge execution 999");
        assertThat(unknown.showsStackTrace()).isFalse();

        List<String> otherTarget = new ArrayList<>(List.of("restore", "--provider", "generic", "--url", sandbox.baseUrl().toString(),
                "--execution", Long.toString(lastPurgeExecution()), "--yes"));
        CliResult wrongTarget = workspace.command(otherTarget.toArray(String[]::new));

        assertThat(wrongTarget.exitCode()).as(wrongTarget.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(problemLines(wrongTarget)).hasSize(1);
        assertThat(sandbox.requests().lines().subList(requests, sandbox.requests().lines().size()))
                .as("nothing but the credentials' check of the target").noneMatch(l -> l.startsWith("PATCH") || l.startsWith("DELETE"));
    }

    @Test
    void anaplanRestoreGivesTheWorkspacesBackFromTheKeptResourceAndEnablesTheUser() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(8).withPersonality(SandboxPersonality.ANAPLAN)
                .withAnaplanCredentials("ops@example.test", "s3cret-pw"), 0);
        url = sandbox.siteUrl().toString();
        provider = "anaplan";
        workspace = new Workspace(dir, database.create(dir)).env("ANAPLAN_USER", "ops@example.test").env("ANAPLAN_PASSWORD", "s3cret-pw");
        List<SandboxUser> targets = sandbox.directory().all().subList(0, 3);
        assertThat(targets).allMatch(u -> !u.entitlements().isEmpty());
        StringBuilder export = new StringBuilder("First Name,Last Name,Email,User ID\n");
        targets.forEach(u -> export.append("A,B,").append(u.emails().get(0)).append(',').append(u.id()).append('\n'));

        CliResult purge = workspace.purge(target("--auth-url", url, "--csv",
                workspace.file("Users.csv", export.toString()).toString()).toArray(String[]::new));

        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.SUCCESS);
        for (SandboxUser user : targets) {
            SandboxUser now = sandbox.directory().find(user.id()).orElseThrow();
            assertThat(now.entitlements()).isEmpty();
            assertThat(now.active()).isFalse();
            assertThat(kept(user.id()).get("entitlements").toString()).as("read before its removal, for the restore")
                    .contains(user.entitlements().get(0));
        }
        long execution = lastPurgeExecution();

        CliResult restored = restore(execution, "--auth-url", url, "--yes");

        assertThat(restored.exitCode()).as(restored.toString()).isEqualTo(ExitCodes.SUCCESS);
        for (SandboxUser user : targets) {
            SandboxUser now = sandbox.directory().find(user.id()).orElseThrow();
            assertThat(now.entitlements()).as("the workspaces back").containsExactlyElementsOf(user.entitlements());
            assertThat(now.active()).isTrue();
        }
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(restored.all()).doesNotContain("s3cret-pw");
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_REMOVED_RESOURCE WHERE RESOURCE_JSON LIKE '%s3cret-pw%'")).isZero();
        assertThat(workspace.queryStrings("SELECT OUTCOME FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?", lastPurgeExecution()))
                .containsOnly("RESTORED").hasSize(3);
    }

    @Test
    void aHardDeleteCannotBeUndoneAndPrintsWhatWasKeptThenHistoryPruneRemovesIt() throws Exception {
        startGeneric(SandboxSettings.defaults().withUsers(6));
        List<SandboxUser> targets = sandbox.directory().all().subList(0, 2);
        JsonNode first = served(url, targets.get(0));
        Path keepAll = workspace.file("keep-all.yml", "scim-purge:\n  job:\n    keep-resources: all\n");
        assertThat(purgeCsv(targets, "--lookup", "directory", "--config", keepAll.toString()).exitCode()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(kept(targets.get(0).id())).as("the directory copy holds no resource: read once before its removal")
                .isEqualTo(first);
        assertThat(sandbox.directory().size()).isEqualTo(4);
        long execution = lastPurgeExecution();
        int writesBefore = writes();

        CliResult restored = restore(execution, "--yes");

        assertThat(restored.exitCode()).as("not restored: rows for a person to look at").isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(writes()).as("nothing to send for a hard delete").isEqualTo(writesBefore);
        assertThat(restored.out()).contains("cannot be undone").contains("to recreate it by hand");
        for (SandboxUser user : targets) {
            assertThat(restored.out()).contains("\"userName\" : \"" + user.userName() + "\"").contains("\"id\" : \"" + user.id() + "\"");
        }
        assertThat(workspace.queryStrings("SELECT OUTCOME || '|' || REASON FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?",
                lastPurgeExecution())).containsOnly("NOT_RESTORABLE|irreversible").hasSize(2);
        assertThat(workspace.onDatabase(List.of("audit", "verify")).exitCode()).isZero();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_REMOVED_RESOURCE")).isEqualTo(2);

        CliResult prune = workspace.onDatabase(List.of("history", "prune"), "--before", "2999-01-01");

        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_REMOVED_RESOURCE")).as("the users' data goes with its run").isZero();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME")).isZero();
        assertThat(workspace.onDatabase(List.of("audit", "verify")).exitCode()).isZero();
    }

    @Test
    void withKeepResourcesNoneNothingIsKeptAndTheRestoreSaysSoSendingNothing() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(5).withPersonality(SandboxPersonality.ANAPLAN)
                .withAnaplanCredentials("ops@example.test", "s3cret-pw"), 0);
        url = sandbox.siteUrl().toString();
        provider = "anaplan";
        workspace = new Workspace(dir, database.create(dir)).env("ANAPLAN_USER", "ops@example.test").env("ANAPLAN_PASSWORD", "s3cret-pw");
        SandboxUser target = sandbox.directory().all().get(0);
        Path config = workspace.file("keep-none.yml", "scim-purge:\n  job:\n    keep-resources: none\n");
        Path export = workspace.file("Users.csv", "Email,User ID\n" + target.emails().get(0) + "," + target.id() + "\n");

        CliResult purge = workspace.purge(target("--auth-url", url, "--csv", export.toString(), "--config", config.toString(), "--verify", "none")
                .toArray(String[]::new));

        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().find(target.id()).orElseThrow().entitlements()).isEmpty();
        assertThat(sandbox.requests().lines()).as("no read added: an id needs no lookup, and nothing is kept")
                .noneMatch(l -> l.startsWith("GET /scim/1/0/v2/Users/"));
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_REMOVED_RESOURCE")).as("nothing was read, so nothing kept").isZero();
        int writesBefore = writes();

        CliResult restored = restore(lastPurgeExecution(), "--auth-url", url, "--yes");

        assertThat(restored.exitCode()).as(restored.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(restored.out()).contains("nothing was kept of it");
        assertThat(writes()).as("no PATCH that would enable a user without its workspaces").isEqualTo(writesBefore);
        assertThat(workspace.queryStrings("SELECT OUTCOME || '|' || REASON FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?",
                lastPurgeExecution())).containsExactly("NOT_RESTORABLE|nothing_kept");
    }

    @Test
    void aRestoreHoldsTheTargetsLockAsAPurgeDoesAndIsRefusedWhileAnotherHoldsIt() throws Exception {
        SandboxUser target = deactivatedOnZoom(4, 1).get(0);
        long execution = lastPurgeExecution();
        String scimBase = sandbox.baseUrl().toString();
        try (java.sql.Connection c = workspace.jobDatabase(); var insert = c.prepareStatement("""
                INSERT INTO PURGE_TARGET_LOCK (TARGET_KEY, TARGET, OWNER_HOST, OWNER_PID, ACQUIRED_AT, HEARTBEAT_AT, VERSION)
                VALUES (?, ?, 'build-host-b', 4242, ?, ?, 7)""")) {
            java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
            insert.setString(1, dev.scimpurge.job.PurgeTargetLock.key(ScimBaseUrl.parse(scimBase)));
            insert.setString(2, scimBase);
            insert.setObject(3, now);
            insert.setObject(4, now);
            insert.executeUpdate();
        }
        int writesBefore = writes();

        CliResult refused = restore(execution, "--yes");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ALREADY_RUNNING);
        assertThat(refused.err()).contains("process 4242 on build-host-b");
        assertThat(writes()).isEqualTo(writesBefore);
        assertThat(activeNow(target)).isFalse();

        workspace.sql("DELETE FROM PURGE_TARGET_LOCK");
        CliResult restored = restore(execution, "--yes");

        assertThat(restored.exitCode()).as(restored.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(activeNow(target)).isTrue();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_TARGET_LOCK")).as("released at the end").isZero();
    }

    @Test
    void aRefusedPatchFailsThatAccountOnlyAndTheOthersAreRestored() {
        List<SandboxUser> targets = deactivatedOnZoom(5, 3);
        long execution = lastPurgeExecution();
        sandbox.faults().failUser(targets.get(1).id(), 400, "this user cannot be reactivated by this app");

        CliResult restored = restore(execution, "--yes");

        assertThat(restored.exitCode()).as(restored.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(activeNow(targets.get(0))).isTrue();
        assertThat(activeNow(targets.get(1))).isFalse();
        assertThat(activeNow(targets.get(2))).isTrue();
        assertThat(workspace.queryStrings("SELECT ACCOUNT_ID || '|' || OUTCOME || '|' || REASON FROM PURGE_OUTCOME "
                + "WHERE JOB_EXECUTION_ID = ? ORDER BY SEQ", lastPurgeExecution())).containsExactly(
                targets.get(0).id() + "|RESTORED|restored", targets.get(1).id() + "|FAILED|restore_failed",
                targets.get(2).id() + "|RESTORED|restored");
        assertThat(restored.out()).contains("this user cannot be reactivated by this app");
        assertThat(workspace.queryValue(String.class, "SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                lastPurgeExecution())).isEqualTo("COMPLETED");
    }

    @Test
    void aServerThatStopsAnsweringEndsTheRestoreFailedWithWhatWasRestoredRecorded() {
        List<SandboxUser> targets = deactivatedOnZoom(5, 2);
        long execution = lastPurgeExecution();
        sandbox.faults().failUser(targets.get(0).id(), 401, "token revoked");

        CliResult restored = restore(execution, "--yes");

        assertThat(restored.exitCode()).as(restored.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(restored.err()).contains("the restore stopped").doesNotContain(TOKEN);
        assertThat(restored.showsStackTrace()).isFalse();
        assertThat(targets).noneMatch(this::activeNow);
        long restoreExecution = lastPurgeExecution();
        assertThat(workspace.queryValue(String.class, "SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                restoreExecution)).isEqualTo("FAILED");
        assertThat(workspace.onDatabase(List.of("audit", "verify")).exitCode()).isZero();
    }

    @Test
    void aDeactivatedRunKeepsEachReReadAndItsRestoreDoesNotReactivateWhoWasDeactivatedBefore() {
        startPlayed("zoom", SandboxSettings.defaults().withUsers(8).withDeactivatedFraction(0.5));
        List<SandboxUser> deactivated = sandbox.directory().all().stream().filter(u -> !u.active()).toList();
        assertThat(deactivated).isNotEmpty();

        CliResult purge = workspace.purge(target("--deactivated", "--verify", "none").toArray(String[]::new));

        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.SUCCESS);
        long execution = lastPurgeExecution();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME WHERE OUTCOME = 'DELETED'")).isEqualTo(deactivated.size());
        for (SandboxUser user : deactivated) {
            assertThat(kept(user.id()).get("active").asBoolean(true)).as("the re-read just before the removal, kept").isFalse();
        }
        int writesBefore = writes();

        CliResult rehearsal = restore(execution, "--dry-run");
        CliResult restored = restore(execution, "--yes");

        assertThat(rehearsal.out()).as("the dry run says what the restore does").contains("already deactivated")
                .doesNotContain("would be restored");
        assertThat(rehearsal.exitCode()).as(rehearsal.toString()).isEqualTo(restored.exitCode());
        assertThat(restored.exitCode()).as(restored.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(writes()).as("reactivating them would not restore them").isEqualTo(writesBefore);
        assertThat(deactivated).noneMatch(this::activeNow);
        assertThat(workspace.queryStrings("SELECT OUTCOME || '|' || REASON FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?",
                lastPurgeExecution())).containsOnly("NOT_RESTORABLE|was_deactivated").hasSize(deactivated.size());
        assertThat(restored.out()).contains("already deactivated").doesNotContain("will be restored");
    }
}
