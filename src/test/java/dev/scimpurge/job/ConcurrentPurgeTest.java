package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** Parallel lookups and removals, pacing and retries: every row still ends in exactly one outcome. */
class ConcurrentPurgeTest {

    @TempDir
    Path dir;

    private final List<SandboxScimServer> sandboxes = new ArrayList<>();

    /** Pages of 100, so that these directories span several and the copy's rounds show. */
    @BeforeEach
    void pagesOf100() {
        System.setProperty("scim-purge.job.list-page-size", "100");
    }

    @AfterEach
    void stop() {
        sandboxes.forEach(SandboxScimServer::close);
        System.clearProperty("scim-purge.job.list-page-size");
    }

    private SandboxScimServer sandbox(int users) {
        SandboxScimServer sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(users).withToken("t")
                .withLatency(Duration.ofMillis(5)), 0);
        sandboxes.add(sandbox);
        return sandbox;
    }

    private static CliResult purge(Workspace workspace, SandboxScimServer sandbox, Path csv, String... more) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--max-deletes", "1000"));
        args.addAll(List.of(more));
        return workspace.env("SCIM_TOKEN", "t").purge(args.toArray(String[]::new));
    }

    /** 50 addresses of every kind: found, unknown, invalid, repeated, shared by two accounts, refused by the server. */
    private static String mixedCsv() {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            String address = switch (i % 10) {
                case 3 -> "nobody" + i + "@example.test";
                case 6 -> "not-an-address-" + i;
                case 9 -> "user%05d@example.test".formatted(i - 1);
                default -> "user%05d@example.test".formatted(i);
            };
            csv.append(address).append('\n');
        }
        return csv.append("shared@example.test\n").toString();
    }

    /** A sandbox where one address is shared by two accounts, one user has no email, and one removal is refused. */
    private SandboxScimServer prepared(int users) {
        SandboxScimServer sandbox = sandbox(users);
        sandbox.directory().add(new SandboxUser("shared-1", "shared@example.test", List.of("shared@example.test"), true, "Registered", List.of()));
        sandbox.directory().add(new SandboxUser("shared-2", "shared.two", List.of("SHARED@example.test"), true, "Registered", List.of()));
        sandbox.directory().add(new SandboxUser("named-only", "Named.Only@example.test", List.of(), true, "Registered", List.of()));
        sandbox.faults().failUser("user00004@example.test", 400, "user is protected");
        return sandbox;
    }

    /** The same CSV purged twice, each time with its own sandbox and job database, with different options. */
    private record Runs(SandboxScimServer firstServer, Workspace first, CliResult firstResult,
            SandboxScimServer secondServer, Workspace second, CliResult secondResult) {
    }

    private Runs purgeTwice(int users, String csv, List<String> firstOptions, List<String> secondOptions) {
        return purgeTwice(users, csv, firstOptions, secondOptions, secondServer -> { });
    }

    /** @param bendSecondServer sets the second server's faults before its run */
    private Runs purgeTwice(int users, String csv, List<String> firstOptions, List<String> secondOptions,
            Consumer<SandboxScimServer> bendSecondServer) {
        SandboxScimServer firstServer = prepared(users);
        SandboxScimServer secondServer = prepared(users);
        bendSecondServer.accept(secondServer);
        Workspace first = new Workspace(dir.resolve("first"));
        Workspace second = new Workspace(dir.resolve("second"));
        CliResult firstResult = purge(first, firstServer, first.file("u.csv", csv), firstOptions.toArray(String[]::new));
        CliResult secondResult = purge(second, secondServer, second.file("u.csv", csv), secondOptions.toArray(String[]::new));
        return new Runs(firstServer, first, firstResult, secondServer, second, secondResult);
    }

    @Test
    void concurrentRunsRecordTheSameOutcomesAsASequentialOne() {
        Runs runs = purgeTwice(60, mixedCsv(), List.of("--concurrency", "1", "--lookup", "filter"),
                List.of("--concurrency", "12", "--lookup", "filter"));

        assertThat(runs.firstResult().exitCode()).as(runs.firstResult().toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(runs.secondResult().exitCode()).as(runs.secondResult().toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(runs.second().outcomeRows()).hasSize(51).isEqualTo(runs.first().outcomeRows());
        assertThat(runs.second().outcomeCounts()).isEqualTo(Map.of("DELETED", 34L, "NOT_FOUND", 5L, "FAILED", 7L, "DUPLICATE", 5L));
        assertThat(runs.secondServer().directory().ids()).containsAll(List.of("shared-1", "shared-2"));
        assertThat(runs.secondServer().requests().count("DELETE")).isEqualTo(runs.firstServer().requests().count("DELETE")).isEqualTo(35);
    }

    /** The same 52 rows looked up by filter, then by the directory at concurrency 8 against a server bent by {@code bend}. */
    private Runs filterThenDirectory(Consumer<SandboxScimServer> bend) {
        return purgeTwice(260, mixedCsv() + "named.only@EXAMPLE.test\n", List.of("--lookup", "filter"),
                List.of("--lookup", "directory", "--concurrency", "8"), bend);
    }

    @Test
    void theDirectoryLookupRecordsTheSameOutcomesAsTheFilterLookupWithAFewRequests() {
        Runs runs = filterThenDirectory(server -> { });

        assertThat(runs.secondResult().exitCode()).as(runs.secondResult().toString()).isEqualTo(runs.firstResult().exitCode())
                .isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(runs.second().outcomeRows()).hasSize(52).isEqualTo(runs.first().outcomeRows())
                .contains("52|named.only@EXAMPLE.test|DELETED|removed|204");
        assertThat(pageRequests(runs.secondServer())).as("three pages of 100")
                .containsExactlyInAnyOrder(page(1, 100), page(101, 100), page(201, 100));
        assertThat(runs.firstServer().requests().count("GET")).isGreaterThan(40);
        assertThat(runs.second().count("SELECT COUNT(*) FROM PURGE_DIRECTORY")).as("the copy is dropped once the plan is made").isZero();
    }

    @Test
    void aServerThatServesSmallerPagesThanAskedHasEveryUserCopiedAtItsOwnPageSize() {
        Runs runs = filterThenDirectory(server -> server.faults().capPageSize(30));

        assertThat(runs.second().outcomeRows()).as("every user found by filter is found in the copy")
                .hasSize(52).isEqualTo(runs.first().outcomeRows());
        assertThat(pageRequests(runs.secondServer())).as("263 users in pages of 30: the first page, then one round of 8")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(0, 8).mapToObj(i -> page(1 + 30 * i, 100)).toList());
    }

    @Test
    void pagesShorterThanTheServersPageSizeBeforeTheEndFallBackToOnePageAtATime() {
        Runs runs = filterThenDirectory(server -> server.faults().totalResultsOverride(1_000_000));

        assertThat(runs.second().outcomeRows()).as("every user found by filter is found in the copy")
                .hasSize(52).isEqualTo(runs.first().outcomeRows());
        List<String> expected = new ArrayList<>(IntStream.rangeClosed(0, 8).mapToObj(i -> page(1 + 100 * i, 100)).toList());
        expected.addAll(List.of(page(201, 100), page(264, 100)));
        assertThat(pageRequests(runs.secondServer()))
                .as("a round of 8 after the first page; the short page at 201 again, alone, then the empty one after it")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theDirectorysPagesGoOutInParallel() {
        SandboxScimServer sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(1000).withToken("t")
                .withLatency(Duration.ofMillis(200)), 0);
        sandboxes.add(sandbox);
        Workspace workspace = new Workspace(dir);

        CliResult result = purge(workspace, sandbox, workspace.file("u.csv", "user00001@example.test\n"),
                "--lookup", "directory", "--concurrency", "10");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(pageRequests(sandbox)).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(0, 9).mapToObj(i -> page(1 + 100 * i, 100)).toList());
        Timestamp started = workspace.queryValue(Timestamp.class,
                "SELECT START_TIME FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'copyDirectory'");
        Timestamp ended = workspace.queryValue(Timestamp.class, "SELECT END_TIME FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'copyDirectory'");
        assertThat(Duration.between(started.toInstant(), ended.toInstant()))
                .as("the ServiceProviderConfig read and 10 pages of 200 ms each, one after another, would take 2.2 s: "
                        + "the read, the first page, then the other 9 at once take 0.6 s")
                .isLessThan(Duration.ofMillis(1800));
    }

    /**
     * The directory copy's pages: every unfiltered list request but the check of the target before the run (reads of one
     * user, before a removal and after it, are not pages). The first is the probe's, which the copy does not read again.
     */
    private static List<String> pageRequests(SandboxScimServer sandbox) {
        return sandbox.requests().lines().stream().filter(line -> line.startsWith("GET /scim/v2/Users?")
                && !line.contains("filter=") && !line.equals(page(1, 1))).toList();
    }

    private static String page(int startIndex, int count) {
        return "GET /scim/v2/Users?startIndex=" + startIndex + "&count=" + count;
    }

    @Test
    void autoLooksUpByFilterWhenThatTakesFewerRequests() {
        SandboxScimServer sandbox = sandbox(1000);
        Workspace workspace = new Workspace(dir);

        CliResult result = purge(workspace, sandbox, workspace.file("u.csv", "user00001@example.test\nuser00002@example.test\n"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        String probed = "GET /scim/v2/Users?filter=%s%%20eq%%20%%22%s%%40%s%%22&startIndex=1&count=50";
        assertThat(sandbox.requests().lines()).filteredOn(line -> line.startsWith("GET /scim/v2/Users?")).containsExactlyInAnyOrder(
                "GET /scim/v2/Users?startIndex=1&count=1",
                // the probe: the first page, and each filter on an account outside the input, as stored and in capitals
                "GET /scim/v2/Users?startIndex=1&count=100",
                probed.formatted("emails.value", "user00003", "example.test"), probed.formatted("emails.value", "USER00003", "EXAMPLE.TEST"),
                probed.formatted("userName", "user00003", "example.test"), probed.formatted("userName", "USER00003", "EXAMPLE.TEST"),
                "GET /scim/v2/Users?filter=emails.value%20eq%20%22user00001%40example.test%22&startIndex=1&count=50",
                "GET /scim/v2/Users?filter=emails.value%20eq%20%22user00002%40example.test%22&startIndex=1&count=50");
    }

    @Test
    void aServerErrorIsRetriedWithBackoffThenRecordedAsFailed() {
        SandboxScimServer sandbox = sandbox(10);
        String id = sandbox.directory().byEmail("user00002@example.test").orElseThrow().id();
        sandbox.faults().failUser(id, 503, "try later");
        Workspace workspace = new Workspace(dir);

        CliResult result = purge(workspace, sandbox, workspace.file("u.csv", "user00001@example.test\nuser00002@example.test\n"),
                "--max-attempts", "4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.requests().lines()).filteredOn(line -> line.equals("DELETE /scim/v2/Users/" + id)).hasSize(4);
        assertThat(workspace.outcomeRows()).containsExactly(
                "1|user00001@example.test|DELETED|removed|204",
                "2|user00002@example.test|FAILED|server_rejected|503");
    }

    @Test
    void aRateLimitedServerIsWaitedOutWithoutFailingAnyone() {
        SandboxScimServer sandbox = sandbox(80);
        sandbox.faults().rateLimit(40, 1);
        Workspace workspace = new Workspace(dir);
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            csv.append("user%05d@example.test%n".formatted(i));
        }

        CliResult result = purge(workspace, sandbox, workspace.file("u.csv", csv.toString()), "--concurrency", "16", "--lookup", "filter");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 60L));
        assertThat(sandbox.directory().size()).isEqualTo(20);
    }

    @Test
    void aForbiddenAnswerStopsTheChunkAndTheRestartCountsTheOthersInFlightAsAlreadyGone() {
        SandboxScimServer sandbox = sandbox(40);
        sandbox.faults().failUser("user00025@example.test", 403, "insufficient scope");
        Workspace workspace = new Workspace(dir);
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            lines.append("user%05d@example.test%n".formatted(i));
        }
        Path csv = workspace.file("users.csv", lines.toString());

        CliResult stopped = purge(workspace, sandbox, csv, "--concurrency", "2");

        assertThat(stopped.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(workspace.outcomeCounts()).as("the first chunk (20 rows at --concurrency 2) committed, the second rolled back")
                .isEqualTo(Map.of("DELETED", 20L));
        assertThat(sandbox.directory().size()).as("the second chunk's other removals were in flight and went through").isEqualTo(40 - 29);

        sandbox.faults().clearUserFailures();
        CliResult continued = purge(workspace, sandbox, csv, "--concurrency", "2");

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 21L, "ALREADY_GONE", 9L));
    }
}
