package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.RecordedRequest;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.Silence;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * A server that stops answering in the middle of the removals. Once the run knows it is down (outage-after requests
 * in a row without an answer) it sends nothing more: it stops, restartably, about one read timeout after the server
 * fell silent, instead of letting every row of its chunk wait out a read timeout of its own (a 64-row chunk on 8
 * workers: 8 read timeouts). A removal it held back is not taken for one that was sent when the run continues.
 */
class ServerOutageTest {

    private static final int USERS = 300;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    /** The generic profile's concurrency, and scim-purge.http.outage-after's default. */
    private static final int CONCURRENCY = 8;
    private static final int OUTAGE_AFTER = 3;
    /** The removal chunk at concurrency 8. */
    private static final int CHUNK = 64;
    /** Longer than any run here: a held request is given up by the client, not answered late. */
    private static final Duration HOLD = Duration.ofSeconds(60);
    /**
     * What may still hang once the server falls silent: the request each worker has in flight, and the repeats of
     * the first failures, sent before outage-after of them have failed.
     */
    private static final int MOST_HELD = CONCURRENCY + OUTAGE_AFTER - 1;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private String url;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(5)).withToken("outage-test"), 0);
        url = sandbox.baseUrl().toString();
        workspace = new Workspace(dir).env("SCIM_TOKEN", "outage-test");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String shortReadTimeout() {
        return workspace.file("outage.yml", "scim-purge:\n  http:\n    read-timeout: " + READ_TIMEOUT.toSeconds() + "s\n").toString();
    }

    @Test
    void aDeactivatedRunSendsNothingOnceTheServerIsDownAndAHeldBackRemovalIsNotTakenForASentOne() {
        Silence silence = sandbox.faults().stopAnsweringAfter("DELETE", 8, HOLD);

        CliResult result = workspace.purge("--url", url, "--deactivated", "--config", shortReadTimeout());
        Instant ended = Instant.now();

        assertStoppedPromptlyAfterSendingNothingMore(result, silence, ended);
        Set<String> deleted = requestedAccounts("DELETE");
        assertThat(Set.copyOf(workspace.queryStrings("SELECT ACCOUNT_ID FROM PURGE_REMOVAL_ATTEMPT")))
                .as("the removal-attempt log holds the removals that reached the server, not those held back or never reached")
                .isEqualTo(deleted);

        String sentButUnanswered = deleted.stream().filter(sandbox.directory()::contains).findFirst().orElseThrow();
        List<String> failedChunk = workspace.queryStrings("SELECT ACCOUNT_ID FROM PURGE_CANDIDATE ORDER BY SEQ").subList(0, CHUNK);
        Set<String> requested = requestedAccounts("GET", "DELETE");
        String neverSent = failedChunk.stream().filter(id -> !requested.contains(id)).reduce((first, last) -> last).orElseThrow();
        sandbox.directory().remove(sentButUnanswered);
        sandbox.directory().remove(neverSent);
        sandbox.faults().reset();

        CliResult continued = workspace.purge("--url", url, "--deactivated", "--config", shortReadTimeout());

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(outcomeOf(sentButUnanswered)).as("its removal was sent and may have happened").isEqualTo("ALREADY_GONE");
        assertThat(outcomeOf(neverSent)).as("its removal was never sent: someone else removed it").isEqualTo("NOT_FOUND");
        assertThat(workspace.outcomeCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(USERS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
    }

    @Test
    void aCsvRunWithoutBulkSendsNothingOnceTheServerIsDown() {
        Path csv = workspace.file("leavers.csv", IntStream.rangeClosed(1, 200)
                .mapToObj("user%05d@example.test\n"::formatted).collect(Collectors.joining()));
        Silence silence = sandbox.faults().stopAnsweringAfter("DELETE", 8, HOLD);

        CliResult result = workspace.purge("--url", url, "--csv", csv.toString(), "--config", shortReadTimeout());
        Instant ended = Instant.now();

        assertStoppedPromptlyAfterSendingNothingMore(result, silence, ended);
        assertThat(sandbox.requests().count("POST")).as("no Bulk request").isZero();
        assertThat(Set.copyOf(workspace.queryStrings("SELECT ACCOUNT_ID FROM PURGE_REMOVAL_ATTEMPT")))
                .isEqualTo(requestedAccounts("DELETE"));
    }

    @Test
    void sigtermDuringTheOutageEndsTheRunWithItsOwnSummaryBeforeTheGraceRunsOut() throws Exception {
        Duration grace = READ_TIMEOUT.multipliedBy(4);
        Silence silence = sandbox.faults().stopAnsweringAfter("DELETE", 8, HOLD);
        workspace.env("SCIM_PURGE_HTTP_READ_TIMEOUT", READ_TIMEOUT.toSeconds() + "s")
                .env("SCIM_PURGE_JOB_SHUTDOWN_GRACE", grace.toSeconds() + "s");

        try (ScimPurgeProcess purge = workspace.startInAnotherJvm("purge", workspace.purgeArguments("--url", url, "--deactivated"))) {
            Poll.until("the server stops answering", Duration.ofSeconds(60), () -> silence.began().isPresent() || !purge.isAlive());
            assertThat(purge.isAlive()).as(purge.output()).isTrue();
            purge.terminate();
            Instant asked = Instant.now();

            assertThat(purge.awaitExit(grace.plusSeconds(30))).as(purge.output()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(Duration.between(asked, Instant.now())).as(purge.output()).isLessThan(grace);
            assertThat(purge.output()).contains("Termination requested").containsPattern("Execution \\d+ FAILED in ")
                    .contains("no answer from 127.0.0.1").doesNotContain("did not stop within");
        }
        assertThat(silence.held()).isLessThanOrEqualTo(MOST_HELD);
    }

    private void assertStoppedPromptlyAfterSendingNothingMore(CliResult result, Silence silence, Instant ended) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(result.err()).contains("no answer from 127.0.0.1 in time").doesNotContain("Exception");
        assertThat(Duration.between(silence.began().orElseThrow(), ended)).as(result.toString())
                .isLessThan(READ_TIMEOUT.multipliedBy(4));
        assertThat(silence.held()).as("requests that reached the silent server").isBetween(1, MOST_HELD);
        assertThat(workspace.outcomeCounts()).as("the chunk rolled back: no row is blamed for the outage").isEmpty();
    }

    /** The accounts that requests with these methods named, as they reached the sandbox. */
    private Set<String> requestedAccounts(String... methods) {
        Set<String> wanted = Set.of(methods);
        return sandbox.requests().entries().stream()
                .filter(request -> wanted.contains(request.method()) && request.rawPath().contains("/Users/"))
                .map(RecordedRequest::rawPath)
                .map(path -> path.substring(path.lastIndexOf('/') + 1))
                .collect(Collectors.toSet());
    }

    private String outcomeOf(String accountId) {
        return workspace.queryValue(String.class, "SELECT OUTCOME FROM PURGE_OUTCOME WHERE ACCOUNT_ID = ?", accountId);
    }
}
