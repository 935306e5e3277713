package dev.scimpurge.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;

/**
 * Servers that answer with something other than SCIM: every case either records each affected
 * row as a failure with a reason, or stops the run restartably (exit 2) with a message naming the
 * problem, never a stack trace, and nothing is removed on the strength of a bad answer.
 */
class HostileServerTest {

    private static final String USERS = "/scim/v2/Users";
    /**
     * The lookups and the listing of deactivated users filter; the check of the target before the run does not. Its
     * answers stay as they are, so that what a hostile answer does to the lookups and the listing is what is tested.
     */
    private static final String FILTERED = ".*filter=.*";
    private static final String ERROR_BODY = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"404\","
            + "\"detail\":\"Resource 2819c223 not found\"}";

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private Path csv;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(12).withDeactivatedFraction(0.5)
                .withToken("hostile-server-token"), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "hostile-server-token");
        csv = workspace.file("users.csv", "user00001@example.test\nuser00002@example.test\nuser00003@example.test\n");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        System.clearProperty("scim-purge.http.max-response-bytes");
        System.clearProperty("scim-purge.http.connect-timeout");
    }

    /** Looked up one filter request per address, so that the hostile answers meet the lookups. */
    private CliResult purgeCsv() {
        return workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--lookup", "filter");
    }

    private CliResult purgeDeactivated() {
        return workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated");
    }

    /** Every CSV row failed for the same reason, with a message containing {@code words}, and nothing was removed. */
    private void assertEveryRowFailed(CliResult result, String reason, String words) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("FAILED", 3L));
        JsonNode report = workspace.latestReport();
        assertThat(report).hasSize(3);
        report.forEach(entry -> {
            assertThat(entry.get("reason").asString()).isEqualTo(reason);
            assertThat(entry.get("message").asString()).contains(words);
        });
        assertNothingRemoved();
    }

    /** The run stopped restartably, saying {@code words}, with nothing recorded against any user and nothing removed. */
    private void assertStoppedSaying(CliResult result, String words) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(result.err()).contains(words).contains("Run the same command again");
        assertThat(result.showsStackTrace()).as(result.err()).isFalse();
        assertNothingRemoved();
    }

    private void assertNothingRemoved() {
        assertThat(sandbox.requests().count("DELETE") + sandbox.requests().count("PATCH")).isZero();
        assertThat(sandbox.directory().size()).isEqualTo(12);
    }

    @Test
    void aServerThatEchoesTheTokenInItsErrorsDoesNotGetItIntoTheReportTheDatabaseOrTheOutput() {
        sandbox.faults().onRoute("GET", USERS, FILTERED, new RouteFault.Canned(400, "application/scim+json",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\","
                        + "\"detail\":\"Rejected Authorization: Bearer hostile-server-token\"}"));

        CliResult result = purgeCsv();

        assertEveryRowFailed(result, "lookup_failed", "Rejected Authorization: Bearer [redacted]");
        assertThat(result.all()).doesNotContain("hostile-server-token");
        assertThat(workspace.latestReport().toString()).doesNotContain("hostile-server-token");
        assertThat(workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME WHERE MESSAGE LIKE '%hostile-server-token%'"))
                .isZero();
    }

    @Test
    void anHtmlLoginPageInsteadOfJsonFailsEachLookupWithTheServersWords() {
        sandbox.faults().onRoute("GET", USERS, FILTERED, new RouteFault.Canned(200, "text/html", "<html><body>Please sign in</body></html>"));

        assertEveryRowFailed(purgeCsv(), "bad_response", "<html><body>Please sign in");
    }

    @Test
    void anHtmlPageInsteadOfTheDeactivatedListingStopsTheRun() {
        sandbox.faults().onRoute("GET", USERS, FILTERED, new RouteFault.Canned(200, "text/html", "<html>Maintenance</html>"));

        assertStoppedSaying(purgeDeactivated(), "expected a ListResponse as JSON but got: <html>Maintenance</html>");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{\"totalResults\":\"many\",\"Resources\":[]}",
            "{\"totalResults\":1,\"Resources\":{}}",
            "{\"totalResults\":1}",
            "{\"totalResults\":1,\"Resources\":[{\"id\":{\"value\":\"a\"},\"userName\":\"user00001@example.test\"}]}",
            "{\"totalResults\":1,\"Resources\":[{\"id\":true,\"userName\":\"user00001@example.test\"}]}",
            "{\"totalResults\":1.5,\"Resources\":[]}",
            "[1,2,3]",
            ERROR_BODY})
    void aListResponseOfTheWrongShapeFailsEachLookup(String body) {
        sandbox.faults().onRoute("GET", USERS, FILTERED, RouteFault.Canned.json(200, body));

        assertEveryRowFailed(purgeCsv(), "bad_response", "lookup failed: ");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"totalResults\":\"many\",\"Resources\":[]}", "{\"totalResults\":3}"})
    void aListResponseOfTheWrongShapeStopsTheDeactivatedListing(String body) {
        sandbox.faults().onRoute("GET", USERS, FILTERED, RouteFault.Canned.json(200, body));

        assertStoppedSaying(purgeDeactivated(), "ListResponse");
    }

    @Test
    void anErrorBodyWithStatus200StopsTheDeactivatedListingNamingIt() {
        sandbox.faults().onRoute("GET", USERS, FILTERED, RouteFault.Canned.json(200, ERROR_BODY));

        assertStoppedSaying(purgeDeactivated(), "HTTP 200 with a SCIM error body (status 404): Resource 2819c223 not found");
    }

    @Test
    void activeAsTheStringFalseIsNotDeactivated() {
        sandbox.faults().onRoute("GET", USERS, RouteFault.Canned.json(200, "{\"totalResults\":2,\"Resources\":["
                + "{\"id\":\"a1\",\"userName\":\"a@example.test\",\"active\":\"false\"},"
                + "{\"id\":\"a2\",\"userName\":\"b@example.test\",\"active\":0}]}"));

        CliResult result = purgeDeactivated();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).containsPattern("read\\s+0");
        assertNothingRemoved();
    }

    @Test
    void aNumericIdIsTheSameIdWrittenWithoutQuotes() {
        SandboxUser user = sandbox.directory().add(new SandboxUser("42", "numeric@example.test", List.of("numeric@example.test"), true,
                "Registered", List.of()));
        sandbox.faults().onRoute("GET", USERS, RouteFault.Canned.json(200,
                "{\"totalResults\":1,\"Resources\":[{\"id\":42,\"userName\":\"numeric@example.test\"}]}"));

        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv",
                workspace.file("numeric.csv", "numeric@example.test\n").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().contains(user.id())).isFalse();
        assertThat(sandbox.requests().lines()).contains("DELETE " + USERS + "/42");
    }

    @Test
    void anErrorBodyWithStatus200OnADeleteFailsThatRowOnlyAndIsNotADeletion() {
        sandbox.faults().onRoute("DELETE", USERS + "/.*", RouteFault.Canned.json(200, ERROR_BODY));

        CliResult result = purgeCsv();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(result.showsStackTrace()).as(result.err()).isFalse();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("FAILED", 3L));
        workspace.latestReport().forEach(entry -> {
            assertThat(entry.get("reason").asString()).isEqualTo("bad_response");
            assertThat(entry.get("message").asString()).contains("may have happened; check the account")
                    .contains("HTTP 200 with a SCIM error body (status 404): Resource 2819c223 not found");
        });
        assertThat(sandbox.requests().count("DELETE")).as("an unreadable answer is not retried").isEqualTo(3);
    }

    @Test
    void aDeleteAnswerOverTheCapFailsThatRowOnly() {
        System.setProperty("scim-purge.http.max-response-bytes", String.valueOf(1 << 20));
        String victim = sandbox.directory().byEmail("user00002@example.test").orElseThrow().id();
        sandbox.faults().onRoute("DELETE", USERS + "/" + victim, new RouteFault.HugeBody(64L << 20, true));

        CliResult result = purgeCsv();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeRows()).containsExactly(
                "1|user00001@example.test|DELETED|removed|204",
                "2|user00002@example.test|FAILED|bad_response|null",
                "3|user00003@example.test|DELETED|removed|204");
        assertThat(workspace.latestReport().get(0).get("message").asString()).contains("larger than 1048576 bytes");
        assertThat(sandbox.directory().contains(victim)).isTrue();
    }

    @Test
    void anIdWithPathAndQueryCharactersStaysOnItsOwnUsersPathWhenLookedUp() {
        String id = "../admin?x=1#top%2F..";
        sandbox.directory().add(new SandboxUser(id, "weird@example.test", List.of("weird@example.test"), true, "Registered", List.of()));
        int before = sandbox.directory().size();

        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv",
                workspace.file("weird.csv", "weird@example.test\n").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().lines()).filteredOn(line -> line.startsWith("DELETE"))
                .containsExactly("DELETE " + USERS + "/" + ScimBaseUrl.pathSegment(id));
        assertThat(ScimBaseUrl.pathSegment(id)).doesNotContain("/", "?", "#").contains("%252F");
        assertThat(sandbox.directory().contains(id)).isFalse();
        assertThat(sandbox.directory().size()).isEqualTo(before - 1);
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyOverTheCapIsRefusedWithoutBeingRead(boolean chunked) {
        System.setProperty("scim-purge.http.max-response-bytes", String.valueOf(1 << 20));
        RouteFault.HugeBody huge = new RouteFault.HugeBody(512L << 20, chunked);
        sandbox.faults().onRoute("GET", USERS, FILTERED, huge);

        long started = System.nanoTime();
        CliResult result = purgeCsv();

        assertEveryRowFailed(result, "bad_response", "larger than 1048576 bytes");
        assertThat(huge.sent()).as("the client hung up instead of draining 3 x 512 MiB").isLessThan(3L * (64 << 20));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aConnectionClosedMidBodyStopsTheRun() {
        String page = "{\"totalResults\":1,\"Resources\":[{\"id\":\"x\",\"userName\":\"user00001@example.test\"}]}";
        sandbox.faults().onRoute("GET", USERS, new RouteFault.CutOffBody(page, page.length() / 2));

        assertStoppedSaying(purgeCsv(), "could not talk to 127.0.0.1");
        assertThat(workspace.outcomeCounts()).isEmpty();
    }

    @Test
    void aServerThatAcceptsNoConnectionsStopsTheRunAfterTheConnectTimeout() throws IOException {
        System.setProperty("scim-purge.http.connect-timeout", "500ms");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // A listener that never accepts: once its backlog is full, the kernel drops further SYNs.
        try (ServerSocket blackhole = new ServerSocket(0, 1, loopback)) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(new InetSocketAddress(loopback, blackhole.getLocalPort()), 200);
                        fillers.add(filler);
                    } catch (IOException full) {
                        filler.close();
                        break;
                    }
                }
                long started = System.nanoTime();
                CliResult result = workspace.purge("--url", "http://127.0.0.1:" + blackhole.getLocalPort() + "/scim/v2", "--csv",
                        csv.toString());

                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
                assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.JOB_FAILED);
                assertThat(result.err()).contains("no answer from 127.0.0.1 in time");
                assertThat(result.showsStackTrace()).as(result.err()).isFalse();
                assertThat(workspace.outcomeCounts()).isEmpty();
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }
}
