package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.RecordedBulk;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.ConsoleLog;
import dev.scimpurge.support.Workspace;

/**
 * {@code --bulk auto} against a sandbox whose ServiceProviderConfig supports Bulk: the real job over real HTTP sends
 * its removals as Bulk requests within the server's limits and maps every operation's answer back to its own row;
 * {@code --bulk off}, a server without Bulk, and a server that refuses Bulk get one request per user. The Bulk quirks of
 * real servers are in {@link BulkProvesItselfTest}.
 */
class BulkPurgeTest {

    private static final String TOKEN = "bulk-test";
    private static final String USERS = "/scim/v2/Users";
    private static final int ONE_MIB = 1 << 20;

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

    private static SandboxSettings users(int count) {
        return SandboxSettings.defaults().withUsers(count).withDeactivatedFraction(0.5);
    }

    private ConsoleLog<CliResult> purgeDeactivated(String... options) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.baseUrl().toString(), "--deactivated"));
        args.addAll(List.of(options));
        return ConsoleLog.capture(() -> workspace.purge(args.toArray(String[]::new)));
    }

    private CliResult purgeCsv(String csv, String... options) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.baseUrl().toString(), "--csv",
                workspace.file("users.csv", csv).toString()));
        args.addAll(List.of(options));
        return workspace.purge(args.toArray(String[]::new));
    }

    private static String deleteLine(SandboxUser user) {
        return "DELETE /Users/" + ScimBaseUrl.pathSegment(user.id());
    }

    private List<String> bulkOperations() {
        return sandbox.requests().bulkRequests().stream().flatMap(bulk -> bulk.operations().stream()).toList();
    }

    @Test
    void removesExactlyTheDeactivatedUsersInBulkRequestsWithOneOutcomePerRow() {
        start(users(60).withBulk(100, ONE_MIB));
        List<SandboxUser> deactivated = sandbox.directory().deactivated();
        Set<String> active = sandbox.directory().all().stream().filter(SandboxUser::active).map(SandboxUser::id).collect(Collectors.toSet());

        ConsoleLog<CliResult> run = purgeDeactivated();

        assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().all()).extracting(SandboxUser::id).containsExactlyInAnyOrderElementsOf(active);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", (long) deactivated.size()));
        assertThat(workspace.count("SELECT COUNT(DISTINCT SEQ) FROM PURGE_OUTCOME")).isEqualTo(deactivated.size());
        assertThat(sandbox.requests().count("DELETE")).as("no removal went as its own request").isZero();
        assertThat(bulkOperations()).containsExactlyInAnyOrderElementsOf(deactivated.stream().map(BulkPurgeTest::deleteLine).toList());
        assertThat(sandbox.requests().bulkRequests()).allMatch(bulk -> bulk.status() == 200);
        assertThat(run.text()).contains("Removals: SCIM Bulk requests (DELETE /Users/{id}), at most 100 operations and "
                + ONE_MIB + " bytes each");
    }

    @Test
    void requestsAreSplitByMaxOperations() {
        start(users(90).withBulk(7, ONE_MIB));
        int deactivated = sandbox.directory().deactivated().size();

        CliResult result = purgeDeactivated("--concurrency", "1").result();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
        List<RecordedBulk> bulks = sandbox.requests().bulkRequests();
        assertThat(bulks).allMatch(bulk -> bulk.status() == 200 && bulk.operations().size() <= 7);
        assertThat(bulks).anyMatch(bulk -> bulk.operations().size() == 7);
        assertThat(bulkOperations()).hasSize(deactivated);
        // Chunks of 20 rows, each in requests of at most 7 operations: 3 requests a full chunk.
        int chunks = (deactivated + 19) / 20;
        assertThat(bulks).hasSizeBetween(deactivated / 7, chunks * 3);
    }

    @Test
    void requestsAreSplitByMaxPayloadSizeMeasuredOnTheJson() {
        int maxPayload = 420;
        start(users(60).withBulk(100, maxPayload));
        int deactivated = sandbox.directory().deactivated().size();

        CliResult result = purgeDeactivated("--concurrency", "1").result();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
        List<RecordedBulk> bulks = sandbox.requests().bulkRequests();
        assertThat(bulks).as("no request was refused as too large").allMatch(bulk -> bulk.status() == 200)
                .allMatch(bulk -> bulk.payloadBytes() <= maxPayload);
        assertThat(bulks).as("requests are filled close to the limit").anyMatch(bulk -> bulk.payloadBytes() > maxPayload - 80);
        // An operation without bulkId is about 60 bytes: at most 5 fit in a request besides the envelope.
        assertThat(bulks.size()).isGreaterThanOrEqualTo(deactivated / 5);
        assertThat(bulkOperations()).hasSize(deactivated);
    }

    @Test
    void aChunkIsSpreadOverTheWorkersUnpacedAndFilledIntoFewRequestsWhenPaced() {
        start(users(80).withBulk(100, ONE_MIB));

        CliResult unpaced = purgeDeactivated("--concurrency", "4", "--run-id", "unpaced").result();

        assertThat(unpaced.exitCode()).as(unpaced.toString()).isEqualTo(ExitCodes.SUCCESS);
        // 40 rows; the remove step's chunks on 4 workers are 32 rows (8 per worker), then the 8 left.
        assertThat(sandbox.requests().bulkRequests()).as("chunks of 32 and 8 rows, each in 4 requests of ceil(rows / 4) operations")
                .allMatch(bulk -> bulk.operations().size() <= 8).hasSize(8);
        sandbox.close();
        start(users(80).withBulk(100, ONE_MIB));

        CliResult paced = purgeDeactivated("--concurrency", "4", "--rate", "1000", "--run-id", "paced").result();

        assertThat(paced.exitCode()).as(paced.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().bulkRequests()).as("one request a chunk").extracting(bulk -> bulk.operations().size())
                .containsExactly(32, 8);
    }

    @Test
    void a413SplitsTheRequestAndSendsItsHalvesAgain() {
        start(users(40).withBulk(100, ONE_MIB));
        sandbox.faults().enforceBulkMaxOperations(3);
        int deactivated = sandbox.directory().deactivated().size();

        CliResult result = purgeDeactivated("--concurrency", "1").result();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", (long) deactivated));
        List<RecordedBulk> bulks = sandbox.requests().bulkRequests();
        assertThat(bulks).anyMatch(bulk -> bulk.status() == 413);
        assertThat(bulks).filteredOn(bulk -> bulk.status() == 200).flatMap(RecordedBulk::operations)
                .as("every operation carried out once").hasSize(deactivated).doesNotHaveDuplicates();
        assertThat(sandbox.requests().count("DELETE")).isZero();
    }

    @Test
    void eachOperationsAnswerGoesToItsOwnRow() {
        start(SandboxSettings.defaults().withUsers(10).withDeactivatedFraction(0).withBulk(50, ONE_MIB));
        sandbox.faults().failUser("user00002@example.test", 500, "database on fire");
        sandbox.faults().failUser("user00003@example.test", 404, "User vanished");
        sandbox.faults().failUser("user00004@example.test", 403, "owners cannot be removed");
        sandbox.faults().failUser("user00005@example.test", 409, "account locked");
        SandboxUser failing = sandbox.directory().byEmail("user00002@example.test").orElseThrow();

        CliResult result = purgeCsv("user00001@example.test\nuser00002@example.test\nuser00003@example.test\n"
                + "user00004@example.test\nuser00005@example.test\nuser00006@example.test\n", "--max-attempts", "3");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeRows()).containsExactly(
                "1|user00001@example.test|DELETED|removed|204",
                "2|user00002@example.test|FAILED|server_rejected|500",
                "3|user00003@example.test|NOT_FOUND|not_found_on_removal|404",
                "4|user00004@example.test|FAILED|server_rejected|403",
                "5|user00005@example.test|FAILED|server_rejected|409",
                "6|user00006@example.test|DELETED|removed|204");
        assertThat(bulkOperations()).as("only the 500 is sent again, up to --max-attempts").filteredOn(deleteLine(failing)::equals).hasSize(3);
        assertThat(bulkOperations()).hasSize(6 + 2);
        assertThat(workspace.latestReport().toString()).contains("database on fire", "User vanished", "owners cannot be removed",
                "account locked");
        assertThat(sandbox.directory().byEmail("user00001@example.test")).isEmpty();
        assertThat(sandbox.directory().byEmail("user00006@example.test")).isEmpty();
        assertThat(sandbox.directory().size()).isEqualTo(8);
    }

    @Test
    void anOperationLeftOutOfTheAnswerIsSettledWithItsOwnRequestAndBulkIsDroppedWithOneWarning() {
        start(SandboxSettings.defaults().withUsers(10).withDeactivatedFraction(0).withBulk(50, ONE_MIB));
        SandboxUser omitted = sandbox.directory().byEmail("user00002@example.test").orElseThrow();
        sandbox.faults().omitFromBulkResponse(omitted.id());

        ConsoleLog<CliResult> run = ConsoleLog.capture(() -> purgeCsv("user00001@example.test\nuser00002@example.test\n"
                + "user00003@example.test\n", "--concurrency", "1"));

        assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeRows()).containsExactly(
                "1|user00001@example.test|DELETED|removed|204",
                "2|user00002@example.test|ALREADY_GONE|removed_before_restart|404",
                "3|user00003@example.test|DELETED|removed|204");
        assertThat(bulkOperations()).as("one Bulk request, not sent again").hasSize(3).filteredOn(deleteLine(omitted)::equals).hasSize(1);
        assertThat(sandbox.requests().lines()).as("the row with no result settled with its own request")
                .containsOnlyOnce("DELETE " + USERS + "/" + ScimBaseUrl.pathSegment(omitted.id()));
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(1);
        assertThat(run.lines()).filteredOn(line -> line.contains("removing one user per request from now on")).singleElement()
                .asString().contains("The server's answer to a Bulk request has no readable result for 1 of its 3 operations");
        assertThat(sandbox.directory().size()).isEqualTo(7);
    }

    @Test
    void anUnreadableBulkAnswerIsSentAgainThenItsRowsGoOneRequestPerUser() {
        start(SandboxSettings.defaults().withUsers(10).withDeactivatedFraction(0).withBulk(50, ONE_MIB));
        sandbox.faults().onRoute("POST", "/scim/v2/Bulk", new RouteFault.Canned(200, "text/html", "<html>Sign in</html>"));

        ConsoleLog<CliResult> run = ConsoleLog.capture(() -> purgeCsv("user00001@example.test\nuser00002@example.test\n",
                "--concurrency", "1"));

        assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(run.result().showsStackTrace()).isFalse();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 2L));
        assertThat(sandbox.requests().count("POST")).as("one request, sent three times").isEqualTo(3);
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(2);
        assertThat(run.lines()).filteredOn(line -> line.contains("removing one user per request from now on")).singleElement()
                .asString().contains("The server's answer to a Bulk request could not be read, sent 3 times", "<html>Sign in</html>");
        assertThat(sandbox.directory().size()).isEqualTo(8);
    }

    @Test
    void aServerThatRefusesBulkAsAWholeGetsOneRequestPerUser() {
        start(users(40).withBulk(100, ONE_MIB));
        sandbox.faults().onRoute("POST", "/scim/v2/Bulk", RouteFault.Canned.json(501,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"501\",\"detail\":\"Bulk is off\"}"));
        int deactivated = sandbox.directory().deactivated().size();

        ConsoleLog<CliResult> run = purgeDeactivated("--concurrency", "2");

        assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", (long) deactivated));
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(deactivated);
        assertThat(sandbox.requests().count("POST")).as("the first chunk's requests at most").isLessThanOrEqualTo(2);
        assertThat(run.lines()).filteredOn(line -> line.contains("removing one user per request from now on")).singleElement()
                .asString().contains("The server answered 501 to a whole Bulk request (Bulk is off)");
    }

    @Test
    void bulkOffSendsOneDeletePerUser() {
        start(users(30).withBulk(100, ONE_MIB));
        int deactivated = sandbox.directory().deactivated().size();

        ConsoleLog<CliResult> run = purgeDeactivated("--bulk", "off");

        assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(deactivated);
        assertThat(sandbox.requests().bulkRequests()).isEmpty();
        assertThat(run.text()).contains("Removals: one request per user (--bulk off)");
    }

    @Test
    void aServerWithoutBulkGetsOneDeletePerUser() {
        start(users(30));
        int deactivated = sandbox.directory().deactivated().size();

        ConsoleLog<CliResult> run = purgeDeactivated();

        assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(deactivated);
        assertThat(sandbox.requests().count("POST")).isZero();
        assertThat(run.text()).contains("Removals: one request per user (the server's ServiceProviderConfig does not say bulk is supported)");
    }

    /** {@code purge --sandbox ARGS}: the job against the sandbox it starts itself. */
    private ConsoleLog<CliResult> purgeOwnSandbox(String... args) {
        workspace = new Workspace(dir);
        List<String> all = new ArrayList<>(List.of("--sandbox", "--sandbox-users", "40", "--sandbox-deactivated", "0.5",
                "--deactivated"));
        all.addAll(List.of(args));
        return ConsoleLog.capture(() -> workspace.purge(all.toArray(String[]::new)));
    }

    @Test
    void aRemovalTakingSeveralStepsGoesOneRequestPerUser() {
        ConsoleLog<CliResult> run = purgeOwnSandbox("--provider", "stackoverflow");

        assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(run.text()).contains("Removals: one request per user (the removal 'delete' (demote-then-delete) is not one "
                + "plain SCIM request a Bulk request can carry)");
    }

    @Test
    void theSandboxServesBulkOnlyAsTheGenericService() {
        CliResult result = purgeOwnSandbox("--sandbox-bulk", "10", "--provider", "stackoverflow").result();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("only the generic sandbox serves SCIM Bulk");
    }

    @Test
    void purgeSandboxBulkRehearsesWithBulk() {
        ConsoleLog<CliResult> run = purgeOwnSandbox("--sandbox-bulk", "10");

        assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 20L));
        assertThat(run.text()).contains("Removals: SCIM Bulk requests (DELETE /Users/{id}), at most 10 operations");
    }
}
