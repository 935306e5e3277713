package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.BulkResultIdentifiers;
import dev.scimpurge.sandbox.BulkStatusForm;
import dev.scimpurge.sandbox.FaultPreset;
import dev.scimpurge.sandbox.RecordedBulk;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.sandbox.WholeBulkFailure;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.ConsoleLog;
import dev.scimpurge.support.Workspace;

/**
 * Issue 12, "Bulk proves itself or is dropped": with the tool's defaults, against a sandbox whose ServiceProviderConfig
 * offers Bulk and whose Bulk misbehaves as real servers do, every listed user that exists is removed once, unknown
 * addresses are reported not found, no row fails because of the server's quirk, nobody outside the input is touched,
 * and a Bulk that cannot be trusted is dropped for one request per user with one warning saying what the server did.
 */
class BulkProvesItselfTest {

    private static final String TOKEN = "bulk-quirks";
    private static final String DROPPED = "removing one user per request from now on";
    private static final int USERS = 180;
    /** More than two of the remove step's chunks at the default concurrency (64 rows). */
    private static final int LISTED = 140;
    private static final int UNKNOWN = 6;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** @param warning what the one warning says, or null when Bulk works and nothing is dropped */
    record Quirk(String name, FaultPreset preset, String provider, String warning) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> quirks() {
        return Stream.of(
                new Quirk("500 for a DELETE with a bulkId", faults -> faults.failWholeBulk(WholeBulkFailure.DELETE_WITH_BULK_ID),
                        "generic", null),
                new Quirk("results with location only", faults -> faults.bulkResultIdentifiers(BulkResultIdentifiers.LOCATION_ONLY),
                        "generic", null),
                new Quirk("status as a number", faults -> faults.bulkStatusForm(BulkStatusForm.NUMBER), "generic", null),
                new Quirk("SCIM 1.1 status form", faults -> faults.bulkStatusForm(BulkStatusForm.SCIM_1_1_OBJECT), "generic", null),
                new Quirk("results without bulkId and location",
                        faults -> faults.bulkResultIdentifiers(BulkResultIdentifiers.NONE), "generic",
                        "The server's answer to a Bulk request has no readable result for"),
                new Quirk("results with bulkId only", faults -> faults.bulkResultIdentifiers(BulkResultIdentifiers.BULK_ID_ONLY),
                        "generic", "The server's answer to a Bulk request has no readable result for"),
                new Quirk("500 for every Bulk request", faults -> faults.failWholeBulk(WholeBulkFailure.EVERY_REQUEST), "generic",
                        "The server answered 500 to a whole Bulk request, sent 3 times (Internal server error"),
                new Quirk("an unreadable answer", faults -> faults.onRoute("POST", "/scim/v2/Bulk",
                        new RouteFault.Canned(200, "text/html", "<html>Sign in</html>")), "generic",
                        "The server's answer to a Bulk request could not be read, sent 3 times ("),
                new Quirk("500 for PATCH in Bulk", faults -> faults.failWholeBulk(WholeBulkFailure.PATCH_OPERATION),
                        "bulk-patch-test", "The server answered 500 to a whole Bulk request, sent 3 times"),
                new Quirk("the server of issue 12", faults -> {
                    faults.failWholeBulk(WholeBulkFailure.DELETE_WITH_BULK_ID);
                    faults.failWholeBulk(WholeBulkFailure.PATCH_OPERATION);
                    faults.bulkResultIdentifiers(BulkResultIdentifiers.NONE);
                    faults.bulkStatusForm(BulkStatusForm.SCIM_1_1_OBJECT);
                }, "generic", "(its results name no location); " + DROPPED))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quirks")
    void everyListedUserIsRemovedOnceWithTheDefaults(Quirk quirk) {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(0)
                .withBulk(100, 1 << 20).withFaults(quirk.preset()).withToken(TOKEN), 0);
        Workspace workspace = new Workspace(dir).env("SCIM_TOKEN", TOKEN);
        List<SandboxUser> everyone = sandbox.directory().all();
        List<SandboxUser> listed = everyone.subList(0, LISTED);
        Set<String> untouched = everyone.subList(LISTED, USERS).stream().map(SandboxUser::id).collect(Collectors.toSet());
        List<String> rows = new ArrayList<>(listed.stream().map(SandboxUser::userName).toList());
        IntStream.range(0, UNKNOWN).forEach(i -> rows.add(LISTED / 2 + i, "nobody" + i + "@example.test"));
        boolean patch = !quirk.provider().equals("generic");

        ConsoleLog<CliResult> run = ConsoleLog.capture(() -> workspace.purge("--url", sandbox.baseUrl().toString(),
                "--provider", quirk.provider(), "--csv", workspace.file("users.csv", String.join("\n", rows) + "\n").toString()));

        CliResult result = run.result();
        assertThat(result.exitCode()).as("the unknown addresses, and nothing else: " + result).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(result.out()).contains("failed               0");
        Map<String, Long> counts = workspace.outcomeCounts();
        assertThat(counts.keySet()).as("no row failed because of the quirk").doesNotContain("FAILED");
        assertThat(counts.get("NOT_FOUND")).as("the unknown addresses").isEqualTo(UNKNOWN);
        assertThat(counts.getOrDefault("DELETED", 0L) + counts.getOrDefault("ALREADY_GONE", 0L)).isEqualTo(LISTED);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).as("one outcome per row").isEqualTo(rows.size());
        assertThat(workspace.count("SELECT COUNT(DISTINCT SEQ) FROM PURGE_OUTCOME")).isEqualTo(rows.size());

        for (SandboxUser user : listed) {
            if (patch) {
                assertThat(sandbox.directory().find(user.id())).as(user.userName()).hasValueSatisfying(now -> assertThat(now.active()).isFalse());
            } else {
                assertThat(sandbox.directory().contains(user.id())).as(user.userName()).isFalse();
            }
        }
        assertThat(sandbox.directory().all()).filteredOn(user -> untouched.contains(user.id()))
                .as("nobody outside the input is touched").hasSize(untouched.size()).allMatch(SandboxUser::active);
        String method = patch ? "PATCH" : "DELETE";
        assertThat(removalsNaming(untouched, method)).as("no request names a user outside the input").isEmpty();
        Map<String, String> outcomeByInput = workspace.outcomeRows().stream().map(line -> line.split("\\|"))
                .collect(Collectors.toMap(fields -> fields[1], fields -> fields[2]));
        for (SandboxUser user : listed) {
            // A removal carried out once; and, after a Bulk answer that could not be tied to it, one that found it gone.
            int expected = outcomeByInput.get(user.userName()).equals("ALREADY_GONE") ? 2 : 1;
            assertThat(carriedOut(user.id(), method)).as(user.userName() + " " + outcomeByInput.get(user.userName()))
                    .isEqualTo(expected);
        }
        List<String> warnings = run.lines().stream().filter(line -> line.contains(DROPPED)).toList();
        if (quirk.warning() == null) {
            assertThat(warnings).as("Bulk worked: nothing dropped").isEmpty();
            assertThat(sandbox.requests().count(method)).as("every removal went in Bulk").isZero();
            assertThat(sandbox.requests().bulkRequests()).allMatch(bulk -> bulk.status() == 200);
            assertThat(counts.get("DELETED")).isEqualTo(LISTED);
        } else {
            assertThat(warnings).as(run.text()).hasSize(1).allMatch(line -> line.contains(quirk.warning()) && line.contains("WARN"));
            assertThat(sandbox.requests().bulkRequests()).as("Bulk is dropped within the first chunk").hasSizeLessThanOrEqualTo(8 * 3);
            assertThat(sandbox.requests().count(method)).as("the rest one request per user").isGreaterThanOrEqualTo(LISTED - 64);
        }
        assertThat(result.all()).doesNotContain(TOKEN);
    }

    /** Removals of these users: requests of their own, and operations of Bulk requests the server carried out. */
    private List<String> removalsNaming(Set<String> ids, String method) {
        return Stream.concat(sandbox.requests().entries().stream().filter(request -> request.method().equals(method))
                .map(request -> request.rawPath()), carriedOutOperations().stream())
                .filter(line -> ids.stream().anyMatch(id -> line.endsWith("/Users/" + ScimBaseUrl.pathSegment(id)))).toList();
    }

    private int carriedOut(String id, String method) {
        String suffix = "/Users/" + ScimBaseUrl.pathSegment(id);
        long alone = sandbox.requests().entries().stream()
                .filter(request -> request.method().equals(method) && request.rawPath().endsWith(suffix)).count();
        long inBulk = carriedOutOperations().stream().filter(operation -> operation.equals(method + " " + "/Users/"
                + ScimBaseUrl.pathSegment(id))).count();
        return (int) (alone + inBulk);
    }

    /** Operations of the Bulk requests the server carried out (answered 200; a 500 for the whole request did none). */
    private List<String> carriedOutOperations() {
        return sandbox.requests().bulkRequests().stream().filter(bulk -> bulk.status() == 200)
                .flatMap(bulk -> bulk.operations().stream()).toList();
    }
}
