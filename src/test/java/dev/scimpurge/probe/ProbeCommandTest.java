package dev.scimpurge.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.AddressCase;
import dev.scimpurge.sandbox.BulkResultIdentifiers;
import dev.scimpurge.sandbox.BulkStatusForm;
import dev.scimpurge.sandbox.BulkSupport;
import dev.scimpurge.sandbox.CapDisclosure;
import dev.scimpurge.sandbox.EmptyPageForm;
import dev.scimpurge.sandbox.RecordedRequest;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.sandbox.WholeBulkFailure;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * {@code scim-purge probe} against the sandbox with each of issue 12's fault knobs: the table and the JSON say what the
 * server did, and the server saw GET requests only (and the one Bulk request of {@code --probe-bulk}).
 */
class ProbeCommandTest {

    private static final int USERS = 40;
    private static final String TOKEN = "probe-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withToken(TOKEN).withBulk(10, 1 << 20), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", TOKEN);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliResult probe(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("probe", "--url", sandbox.baseUrl().toString()));
        args.addAll(List.of(more));
        CliResult result = workspace.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.showsStackTrace()).as(result.toString()).isFalse();
        return result;
    }

    private JsonNode probeJson(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(more));
        args.addAll(List.of("--format", "json"));
        CliResult result = probe(args.toArray(String[]::new));
        return JSON.readTree(result.out());
    }

    private static JsonNode filter(JsonNode probe, String attribute) {
        for (JsonNode filter : probe.get("filters")) {
            if (filter.get("attribute").asString().equals(attribute)) {
                return filter;
            }
        }
        throw new AssertionError("no filter " + attribute + " in " + probe);
    }

    private void assertOnlyReads(int bulkRequests) {
        List<RecordedRequest> requests = sandbox.requests().entries();
        assertThat(requests).isNotEmpty();
        assertThat(requests).filteredOn(r -> !r.method().equals("GET"))
                .as("requests other than GET").hasSize(bulkRequests)
                .allSatisfy(r -> assertThat(r.line()).isEqualTo("POST " + sandbox.baseUrl().getPath().replaceAll("/$", "") + "/Bulk"));
        assertThat(sandbox.directory().size()).isEqualTo(USERS);
    }

    /** The server of issue 12: its userName is a login, not the address, so only emails can find an address. */
    private void userNamesAreLogins() {
        for (SandboxUser user : sandbox.directory().all()) {
            sandbox.directory().update(user.id(), u -> new SandboxUser(u.id(), "login-" + u.id(), u.emails(), u.active(), u.userType(),
                    u.entitlements(), u.externalId()));
        }
    }

    @Test
    void aTruthfulServerIsReportedAsItIsInATableThatSaysNothingWasChanged() {
        CliResult result = probe();

        assertThat(result.out()).contains("Read-only: GET requests only; nothing was changed.")
                .contains("Authentication: token accepted")
                .containsPattern("emails.value +finds +insensitive")
                .containsPattern("userName +finds +insensitive")
                .contains("asked 1000, served 40, totalResults 40")
                .contains("honest: the pages hold 40 users, none after them")
                .containsPattern("lookup +directory")
                .contains("for 1 directory page of 1000")
                .contains("SCIM Bulk requests, at most 10 operations each")
                .contains("429s 0");
        assertOnlyReads(0);
    }

    @Test
    void theJsonParsesAndSaysTheSame() {
        JsonNode probe = probeJson();

        assertThat(probe.get("authentication").get("accepted").asBoolean()).isTrue();
        assertThat(probe.get("readOnly").asString()).contains("nothing was changed");
        assertThat(filter(probe, "emails.value").get("verdict").asString()).isEqualTo("FINDS");
        assertThat(filter(probe, "emails.value").get("caseHandling").asString()).isEqualTo("INSENSITIVE");
        assertThat(probe.get("paging").get("served").asInt()).isEqualTo(USERS);
        assertThat(probe.get("paging").get("totalResultsCheck").get("verdict").asString()).isEqualTo("HONEST");
        assertThat(probe.get("purgeWouldDecide").get("lookup").asString()).as("one page against 100 lookups").isEqualTo("directory");
        assertThat(probe.get("purgeWouldDecide").get("removals").asString()).isEqualTo("bulk");
        assertThat(probe.get("requests").get("sent").asInt()).isEqualTo(sandbox.requests().total());
        assertThat(probe.get("requests").get("byMethod").get("GET").asInt()).isEqualTo(sandbox.requests().total());
        assertOnlyReads(0);
    }

    @Test
    void anEmailFilterThatMatchesNothingIsReportedAsMissingAndAPurgeWouldCopyTheDirectory() {
        userNamesAreLogins();
        sandbox.faults().filterAttributeMatchesNothing("emails.value");

        JsonNode probe = probeJson();

        assertThat(filter(probe, "emails.value").get("verdict").asString()).isEqualTo("MISSES");
        assertThat(filter(probe, "userName").get("verdict").asString()).isEqualTo("NOT_APPLICABLE");
        assertThat(probe.get("purgeWouldDecide").get("lookup").asString()).isEqualTo("directory");
        assertThat(probe.get("purgeWouldDecide").get("reason").asString()).contains("emails.value misses");
        assertThat(probe.get("serviceProviderConfig").get("filterSupported").get("says").asString())
                .isEqualTo("no filter found a known account");
        assertOnlyReads(0);
    }

    @Test
    void withLookupFilterOnSuchAServerTheProbeSaysThePurgeWouldStop() {
        userNamesAreLogins();
        sandbox.faults().filterAttributeMatchesNothing("emails.value");

        CliResult result = probe("--lookup", "filter");

        assertThat(result.out()).contains("none: it would stop before resolving, exit 64")
                .contains("--lookup filter cannot be trusted on this server");
        assertOnlyReads(0);
    }

    @Test
    void caseSensitiveEqualityIsReportedAndAPurgeWouldCopyTheDirectory() {
        sandbox.faults().filterAddressCase(AddressCase.SENSITIVE);

        CliResult result = probe();

        assertThat(result.out()).containsPattern("emails.value +finds +sensitive").containsPattern("lookup +directory")
                .contains("compares addresses in filters case-sensitively");
        assertOnlyReads(0);
    }

    @Test
    void aServiceProviderConfigThatDeniesFilteringIsShownBesideFiltersThatWork() {
        sandbox.faults().advertiseFilterSupported(false);

        JsonNode probe = probeJson("--addresses", "1");

        JsonNode filterSupported = probe.get("serviceProviderConfig").get("filterSupported");
        assertThat(filterSupported.get("advertised").asBoolean()).isFalse();
        assertThat(filterSupported.get("observed").asBoolean()).isTrue();
        assertThat(probe.get("purgeWouldDecide").get("lookup").asString()).as("one lookup against one page").isEqualTo("filter");
        assertThat(probe.get("purgeWouldDecide").get("filters")).hasSize(2);
    }

    @Test
    void aServiceProviderConfigThatPromisesFilteringIsShownBesideFiltersThatAreRefused() {
        sandbox.faults().advertiseFilterSupported(true);
        sandbox.faults().rejectFilters(true);

        JsonNode probe = probeJson();

        JsonNode filterSupported = probe.get("serviceProviderConfig").get("filterSupported");
        assertThat(filterSupported.get("advertised").asBoolean()).isTrue();
        assertThat(filterSupported.get("observed").asBoolean()).isFalse();
        assertThat(filterSupported.get("says").asString()).isEqualTo("every filter was refused");
        assertThat(filter(probe, "emails.value").get("verdict").asString()).isEqualTo("REJECTED");
        assertThat(filter(probe, "emails.value").get("detail").asString()).startsWith("HTTP 400");
    }

    @Test
    void aSilentPageSizeCapIsReportedAsWhatTheServerServes() {
        sandbox.faults().capPageSize(5, CapDisclosure.SILENT);

        JsonNode probe = probeJson();

        JsonNode paging = probe.get("paging");
        assertThat(paging.get("asked").asInt()).isEqualTo(1000);
        assertThat(paging.get("served").asInt()).isEqualTo(5);
        assertThat(paging.get("pageSize").asInt()).isEqualTo(5);
        assertThat(paging.get("totalResultsCheck").get("verdict").asString()).isEqualTo("HONEST");
        assertThat(paging.get("totalResultsCheck").get("servedAtTotalResults").asInt()).isEqualTo(1);
        assertThat(probe.get("serviceProviderConfig").get("filterMaxResults").get("says").asString())
                .isEqualTo("served 5 of 1000 asked (at most 5 a page)");
        assertOnlyReads(0);
    }

    @Test
    void anAdvertisedMaxResultsIsWhatTheProbeAsksFor() {
        sandbox.faults().capPageSize(7, CapDisclosure.ADVERTISED);

        JsonNode probe = probeJson();

        assertThat(probe.get("serviceProviderConfig").get("filterMaxResults").get("advertised").asInt()).isEqualTo(7);
        assertThat(probe.get("paging").get("asked").asInt()).isEqualTo(7);
        assertThat(probe.get("paging").get("served").asInt()).isEqualTo(7);
    }

    @Test
    void anOverstatedTotalResultsIsReported() {
        sandbox.faults().totalResultsOverride(500);

        CliResult result = probe();

        assertThat(result.out()).contains("overstated: says 500, but nobody is served at position 500");
    }

    @Test
    void anUnderstatedTotalResultsIsReported() {
        sandbox.faults().totalResultsOverride(10);

        JsonNode probe = probeJson();

        assertThat(probe.get("paging").get("totalResultsCheck").get("verdict").asString()).isEqualTo("UNDERSTATED");
    }

    @Test
    void aServerThatIgnoresStartIndexIsNotCalledUnderstated() {
        sandbox.faults().capPageSize(10, CapDisclosure.SILENT);
        sandbox.faults().repeatFirstPage(true);

        JsonNode probe = probeJson();

        assertThat(probe.get("paging").get("totalResultsCheck").get("verdict").asString()).isEqualTo("IGNORES_START_INDEX");
    }

    @Test
    void aServerThatIgnoresFiltersIsReportedAndItsFiltersAreNotUsed() {
        sandbox.faults().ignoreFilters(true);

        JsonNode probe = probeJson("--addresses", "1");

        assertThat(filter(probe, "emails.value").get("verdict").asString()).isEqualTo("IGNORED");
        assertThat(filter(probe, "userName").get("verdict").asString()).isEqualTo("IGNORED");
        assertThat(probe.get("purgeWouldDecide").get("lookup").asString()).isEqualTo("directory");
    }

    @Test
    void anEmptyPageWithoutResourcesIsReportedAndReadAsTheEnd() {
        sandbox.faults().emptyPages(EmptyPageForm.ONLY_TOTAL_RESULTS_ZERO);

        CliResult result = probe();

        assertThat(result.out()).contains("{\"totalResults\": 0} without Resources (read as the end of the list)")
                .contains("honest: the pages hold 40 users, none after them");
    }

    @Test
    void fourHundredTwentyNinesAreCountedAndWaitedOut() {
        sandbox.faults().rateLimit(2, 1);

        JsonNode probe = probeJson();

        assertThat(probe.get("requests").get("tooManyRequests").asInt()).isPositive();
        assertThat(probe.get("requests").get("byStatus").get("429").asInt()).isEqualTo(probe.get("requests").get("tooManyRequests").asInt());
        assertThat(filter(probe, "emails.value").get("verdict").asString()).isEqualTo("FINDS");
        assertOnlyReads(0);
    }

    @Test
    void probeBulkSendsOneBulkRequestForAnIdThatCannotExistAndReports404() {
        JsonNode probe = probeJson("--probe-bulk");

        JsonNode bulk = probe.get("bulkProbe");
        assertThat(bulk.get("answered404").asBoolean()).isTrue();
        assertThat(bulk.get("operationStatus").asInt()).isEqualTo(404);
        assertThat(bulk.get("statusForm").asString()).isEqualTo("STRING");
        assertThat(probe.get("readOnly").asString()).contains("one Bulk request");
        assertOnlyReads(1);
        assertThat(sandbox.requests().bulkRequests()).hasSize(1);
        assertThat(sandbox.requests().bulkRequests().get(0).toString()).contains("DELETE").contains("scim-purge-probe-");
    }

    @Test
    void probeBulkReportsTheScim11StatusFormAndAnswersWithoutBulkIdOrLocation() {
        sandbox.faults().bulkStatusForm(BulkStatusForm.SCIM_1_1_OBJECT);
        sandbox.faults().bulkResultIdentifiers(BulkResultIdentifiers.NONE);

        CliResult result = probe("--probe-bulk");

        assertThat(result.out()).contains("half works: DELETE of an id that cannot exist answered {\"code\": \"404\"} (SCIM 1.1)"
                + ", but with no location").contains("its rows would be settled one request per user");
        assertOnlyReads(1);
    }

    @Test
    void probeBulkReportsAStatusWrittenAsANumberAndTrustsAnAnswerWithItsLocation() {
        sandbox.faults().bulkStatusForm(BulkStatusForm.NUMBER);
        sandbox.faults().bulkResultIdentifiers(BulkResultIdentifiers.LOCATION_ONLY);

        JsonNode probe = probeJson("--probe-bulk");

        assertThat(probe.get("bulkProbe").get("statusForm").asString()).isEqualTo("NUMBER");
        assertThat(probe.get("bulkProbe").get("locationAnswered").asBoolean()).isTrue();
        assertThat(probe.get("serviceProviderConfig").get("bulkSupported").get("says").asString())
                .isEqualTo("works: DELETE of an id that cannot exist answered 404 (a JSON number)");
        assertThat(probe.get("purgeWouldDecide").get("removals").asString()).isEqualTo("bulk");
        assertOnlyReads(1);
    }

    @Test
    void probeBulkSendsNoBulkIdAsAPurgeDoesSoAServerThatFailsOneStillWorks() {
        sandbox.faults().failWholeBulk(WholeBulkFailure.DELETE_WITH_BULK_ID);

        JsonNode probe = probeJson("--probe-bulk");

        assertThat(probe.get("bulkProbe").get("answered404").asBoolean()).isTrue();
        assertOnlyReads(1);
    }

    @Test
    void probeBulkReportsABulkEndpointThatFailsEveryRequest() {
        sandbox.faults().failWholeBulk(WholeBulkFailure.EVERY_REQUEST);

        JsonNode probe = probeJson("--probe-bulk");

        assertThat(probe.get("serviceProviderConfig").get("bulkSupported").get("says").asString())
                .startsWith("does not work: the request answered HTTP 500");
        assertThat(probe.get("purgeWouldDecide").get("removals").asString()).isEqualTo("bulk-then-per-user");
        assertOnlyReads(1);
    }

    @Test
    void aServiceProviderConfigThatDeniesBulkMeansAPurgeRemovesOnePerUser() {
        sandbox.faults().advertiseBulk(BulkSupport.unsupported());

        JsonNode probe = probeJson();

        assertThat(probe.get("serviceProviderConfig").get("bulkSupported").get("advertised").asBoolean()).isFalse();
        assertThat(probe.get("purgeWouldDecide").get("removals").asString()).isEqualTo("per-user");
        assertThat(probe.get("purgeWouldDecide").get("removalsReason").asString()).contains("does not say bulk is supported");
    }

    @Test
    void aWrongTokenIsOneLineAndExit64() {
        CliResult result = new Workspace(dir).env("SCIM_TOKEN", "wrong").run("probe", "--url", sandbox.baseUrl().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).contains("SCIM_TOKEN").doesNotContain("wrong");
        assertThat(result.out()).doesNotContain("Lookup filters");
    }

    @Test
    void aSandboxSeedWithoutSandboxIsAUsageError() {
        CliResult result = workspace.run("probe", "--url", sandbox.baseUrl().toString(), "--sandbox-users", "3");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--sandbox-users needs --sandbox (the --sandbox-* options seed the sandbox of a probe)");
        assertThat(sandbox.requests().total()).isZero();
    }

    @Test
    void aServerThatCannotBeReachedIsOneLineAndExit2() {
        String url = sandbox.baseUrl().toString();
        sandbox.close();

        CliResult result = workspace.run("probe", "--url", url, "--max-attempts", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).contains("Run the same command again once the service answers");
        assertThat(result.showsStackTrace()).isFalse();
    }

    @Test
    void aListingRefusedWithAnErrorIsNotCalledAnAcceptedToken() {
        sandbox.faults().onRoute("GET", ".*/Users", "startIndex=1&count=1", dev.scimpurge.sandbox.RouteFault.Canned.json(400,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\",\"detail\":\"not for this client\"}"));

        CliResult result = probe("--addresses", "1");

        assertThat(result.out()).contains("Authentication: token not refused, but the plain listing was answered with an error");
        assertOnlyReads(0);
    }

    @Test
    void theSandboxCanBeProbedWithoutAToken() {
        CliResult result = new Workspace(dir).run("probe", "--sandbox", "--sandbox-users", "30");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Sandbox SCIM server").contains("served 30, totalResults 30")
                .containsPattern("emails.value +finds");

        CliResult json = new Workspace(dir).run("probe", "--sandbox", "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(JSON.readTree(json.out()).get("paging").get("served").asInt()).isEqualTo(50);
        assertThat(json.err()).contains("Sandbox SCIM server");
    }

    @Test
    void theHelpSaysItChangesNothing() {
        CliResult result = new Workspace(dir).run("probe", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().replaceAll("\\s+", " ")).contains("It sends no request that changes anything: GET requests only.")
                .contains("--probe-bulk").contains("--provider").contains("--token-file");
    }
}
