package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** purge --retry-failed: a new run over the rows an earlier execution could not settle, over real HTTP against the sandbox. */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class RetryFailedTest {

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(30).withToken("retry-token"), 0);
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "retry-token");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliResult purge(String... more) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.baseUrl().toString()));
        args.addAll(List.of(more));
        return workspace.purge(args.toArray(String[]::new));
    }

    private String idOf(String email) {
        return sandbox.directory().byEmail(email).orElseThrow().id();
    }

    /** A first run: user 1 and 3 removed, user 2 refused by the server (409), ghost not found, one invalid line. */
    private long firstRunWithFailures() {
        sandbox.faults().failUser("user00002@example.test", 409, "locked by a legal hold");
        Path csv = workspace.file("users.csv", "user00001@example.test\nuser00002@example.test\nghost@example.test\nnot-an-email\n"
                + "user00003@example.test\n");
        CliResult first = purge("--csv", csv.toString());
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeRows()).containsExactly(
                "1|user00001@example.test|DELETED|removed|204",
                "2|user00002@example.test|FAILED|server_rejected|409",
                "3|ghost@example.test|NOT_FOUND|email_not_found|null",
                "4|not-an-email|FAILED|invalid_email|null",
                "5|user00003@example.test|DELETED|removed|204");
        return workspace.lastExecution().orElseThrow().id();
    }

    private List<String> rowsOfExecution(long execution) {
        return workspace.queryStrings("SELECT INPUT_VALUE || '|' || COALESCE(ACCOUNT_ID, '-') || '|' || OUTCOME || '|' || REASON "
                + "FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ? ORDER BY SEQ", execution);
    }

    @Test
    void retriesTheFailedRowsByTheirAccountIdOnceTheServerStopsFailing() throws Exception {
        String user2 = idOf("user00002@example.test");
        long first = firstRunWithFailures();
        sandbox.faults().clearUserFailures();
        // the address changed since: only the account id that the first run resolved still finds the account
        sandbox.directory().update(user2, u -> new SandboxUser(u.id(), "renamed@example.test", List.of("renamed@example.test"), u.active(),
                u.userType(), u.entitlements()));
        int deletesBefore = sandbox.requests().count("DELETE");

        CliResult retry = purge("--retry-failed", Long.toString(first));

        assertThat(retry.exitCode()).as(retry.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().contains(user2)).isFalse();
        assertThat(sandbox.requests().count("DELETE") - deletesBefore).as("only the failed row with an account is sent again").isEqualTo(1);
        long second = workspace.lastExecution().orElseThrow().id();
        assertThat(second).isGreaterThan(first);
        assertThat(rowsOfExecution(second)).as("the not-found row is not retried without --include-not-found").containsExactly(
                "user00002@example.test|" + user2 + "|DELETED|removed",
                "not-an-email|-|FAILED|not_retryable");
        assertThat(retry.out()).containsPattern("read\\s+2").containsPattern("deleted\\s+1").containsPattern("failed\\s+1");
        assertThat(workspace.count("SELECT COUNT(DISTINCT JOB_INSTANCE_ID) FROM PURGE_OUTCOME")).as("a job instance of its own").isEqualTo(2);

        JsonNode history = JsonMapper.builder().build().readTree(workspace.onDatabase(List.of("history"), "--format", "json").out());
        assertThat(history.get(0).get("execution").asLong()).isEqualTo(second);
        assertThat(history.get(0).get("source").asString()).isEqualTo("retry of " + first);

        CliResult again = purge("--retry-failed", Long.toString(first));
        assertThat(again.exitCode()).as("the same retry completed: it is not repeated").isEqualTo(ExitCodes.USAGE);
        assertThat(sandbox.requests().count("DELETE") - deletesBefore).isEqualTo(1);
    }

    @Test
    void retriesNotFoundRowsTooWhenAsked() {
        long first = firstRunWithFailures();
        sandbox.faults().clearUserFailures();
        SandboxUser ghost = sandbox.directory().add(new SandboxUser("ghost-id", "ghost@example.test", List.of("ghost@example.test"), true,
                null, List.of()));

        CliResult retry = purge("--retry-failed", Long.toString(first), "--include-not-found");

        assertThat(retry.exitCode()).as(retry.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().contains(ghost.id())).as("looked up again by its address").isFalse();
        long second = workspace.lastExecution().orElseThrow().id();
        assertThat(rowsOfExecution(second)).hasSize(3).contains("ghost@example.test|ghost-id|DELETED|removed");
        Map<String, Long> counts = workspace.outcomeCounts();
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).as("five rows, then three retried").isEqualTo(8);
        JsonNode history = JsonMapper.builder().build().readTree(workspace.onDatabase(List.of("history"), "--format", "json").out());
        assertThat(history.get(0).get("source").asString()).isEqualTo("retry of " + first + " +not_found");
    }

    @Test
    void aRetryPassesTheGuardsAgain() {
        long first = firstRunWithFailures();
        sandbox.faults().clearUserFailures();
        String user2 = idOf("user00002@example.test");

        CliResult limited = purge("--retry-failed", Long.toString(first), "--max-deletes", "0");
        assertThat(limited.exitCode()).as(limited.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(sandbox.directory().contains(user2)).isTrue();

        Path protect = workspace.file("protect.txt", "user00002@example.test\n");
        CliResult protectedRun = purge("--retry-failed", Long.toString(first), "--protect", protect.toString(), "--run-id", "2");
        assertThat(protectedRun.exitCode()).as(protectedRun.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().contains(user2)).isTrue();
        assertThat(rowsOfExecution(workspace.lastExecution().orElseThrow().id())).contains("user00002@example.test|" + user2 + "|PROTECTED|protected");
    }

    @Test
    void refusesAnExecutionOfAnotherTargetOneUnknownAndOneStillRunning() {
        long first = firstRunWithFailures();
        sandbox.faults().clearUserFailures();
        int deletes = sandbox.requests().count("DELETE");
        try (SandboxScimServer other = SandboxScimServer.start(SandboxSettings.defaults().withUsers(5).withToken("retry-token"), 0)) {
            CliResult elsewhere = workspace.purge("--url", other.baseUrl().toString(), "--retry-failed", Long.toString(first));
            assertThat(elsewhere.exitCode()).as(elsewhere.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(elsewhere.err()).contains("execution " + first + " purged " + sandbox.baseUrl()).doesNotContain("Exception");
            assertThat(other.requests().count("DELETE")).isZero();
        }

        CliResult unknown = purge("--retry-failed", "999");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("There is no execution 999");

        workspace.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?", first);
        CliResult running = purge("--retry-failed", Long.toString(first));
        assertThat(running.exitCode()).as(running.toString()).isIn(ExitCodes.USAGE, ExitCodes.ALREADY_RUNNING);
        assertThat(running.err()).contains("has not finished");

        CliResult stray = purge("--csv", workspace.file("x.csv", "user00009@example.test\n").toString(), "--include-not-found");
        assertThat(stray.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(stray.err()).contains("--include-not-found goes with --retry-failed");
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(deletes);
    }

    @Test
    void aRemovalWhoseAnswerWasUnreadableIsAlreadyGoneWhenTheRetryFindsItRemoved() {
        String user4 = idOf("user00004@example.test");
        sandbox.faults().onRoute("DELETE", "/scim/v2/Users/" + user4, RouteFault.Canned.json(200,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"500\",\"detail\":\"maybe\"}"));
        CliResult first = purge("--csv", workspace.file("one.csv", "user00004@example.test\n").toString());
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeRows()).containsExactly("1|user00004@example.test|FAILED|bad_response|null");
        long execution = workspace.lastExecution().orElseThrow().id();
        // the removal had happened after all; the server answers normally again
        sandbox.faults().clearRouteFaults();
        sandbox.directory().remove(user4);

        CliResult retry = purge("--retry-failed", Long.toString(execution));

        assertThat(retry.exitCode()).as("the account is gone because of the first run: not a failure").isEqualTo(ExitCodes.SUCCESS);
        assertThat(rowsOfExecution(workspace.lastExecution().orElseThrow().id()))
                .containsExactly("user00004@example.test|" + user4 + "|ALREADY_GONE|removed_before_restart");
    }

    @Test
    void aRetryOfADeactivatedRunReReadsEachUserAndLeavesOneActiveAgain() {
        try (SandboxScimServer deactivated = SandboxScimServer.start(SandboxSettings.defaults().withUsers(10).withDeactivatedFraction(0.3)
                .withToken("retry-token"), 0)) {
            List<SandboxUser> gone = deactivated.directory().deactivated();
            assertThat(gone).hasSize(3);
            gone.forEach(u -> deactivated.faults().failUser(u.id(), 409, "locked"));
            CliResult first = workspace.purge("--url", deactivated.baseUrl().toString(), "--deactivated");
            assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
            long execution = workspace.lastExecution().orElseThrow().id();
            deactivated.faults().clearUserFailures();
            deactivated.directory().update(gone.get(0).id(), u -> u.withActive(true));

            CliResult retry = workspace.purge("--url", deactivated.baseUrl().toString(), "--retry-failed", Long.toString(execution));

            assertThat(retry.exitCode()).as(retry.toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(deactivated.directory().contains(gone.get(0).id())).as("active again: left alone").isTrue();
            assertThat(deactivated.directory().contains(gone.get(1).id())).isFalse();
            assertThat(deactivated.directory().contains(gone.get(2).id())).isFalse();
            assertThat(workspace.queryStrings("SELECT OUTCOME FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ? ORDER BY OUTCOME",
                    workspace.lastExecution().orElseThrow().id())).containsExactly("DELETED", "DELETED", "SKIPPED");
        }
    }
}
