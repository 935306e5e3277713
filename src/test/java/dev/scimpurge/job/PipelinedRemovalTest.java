package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.RecordedRequest;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * The remove step's pipeline: the next chunk's removals go out while the chunk before it is answered and committed.
 * A stop that the step sees at a chunk's commit, with the next chunk already sent, still records that chunk's outcomes
 * before the run ends, so the restart redoes nothing; a run killed while the next chunk is under way has saved its
 * reader's position before that chunk, so the restart reads those rows again and counts what was removed as already
 * gone. The sandbox's latency is raised once the removals have begun, so that each chunk is under way for seconds.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class PipelinedRemovalTest {

    private static final int USERS = 160;
    /** The remove step's chunk at --concurrency 4: eight requests per worker. */
    private static final int CHUNK = 32;
    private static final String TOKEN = "pipeline-test";
    private static final Duration SLOW = Duration.ofMillis(250);

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private List<String> purge;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(0)
                .withLatency(Duration.ofMillis(5)).withToken(TOKEN), 0);
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", TOKEN);
        Path csv = workspace.file("leavers.csv", IntStream.rangeClosed(1, USERS)
                .mapToObj("user%05d@example.test\n"::formatted).collect(Collectors.joining()));
        purge = workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--lookup", "directory",
                "--concurrency", "4", "--verify", "none");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aStopSeenAtACommitWhileTheNextChunkIsUnderWayRecordsThatChunkBeforeTheRunEnds() throws Exception {
        long stoppedId;
        try (ScimPurgeProcess run = startAndSlowDownAfter(8)) {
            stoppedId = workspace.lastExecution().orElseThrow().id();

            CliResult stop = workspace.command("stop", String.valueOf(stoppedId));

            assertThat(stop.exitCode()).as(stop.toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(run.awaitExit(Duration.ofSeconds(60))).as(run.output()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(run.output()).contains("stopped on request");
        }
        assertThat(workspace.lastExecution().orElseThrow().status()).isEqualTo("STOPPED");
        long recorded = outcomesOf(stoppedId);
        assertThat(recorded).as("whole chunks").isPositive().isLessThan(USERS).isEqualTo(recorded / CHUNK * CHUNK);
        long saved = savedPosition();
        assertThat(workspace.count("SELECT MAX(SEQ) FROM PURGE_OUTCOME"))
                .as("the chunk under way at the last commit (after the saved position) was recorded as the step ended")
                .isGreaterThan(saved);
        assertThat(saved).as("the position saved at that commit is before that chunk").isLessThan(recorded);
        assertThat(Set.copyOf(workspace.queryStrings("SELECT ACCOUNT_ID FROM PURGE_OUTCOME")))
                .as("every removal the stopped run sent has its outcome, and no other").isEqualTo(deletedAccounts());
        assertThat(workspace.count("""
                SELECT COUNT(*) FROM PURGE_REMOVAL_ATTEMPT a WHERE NOT EXISTS
                    (SELECT 1 FROM PURGE_OUTCOME o WHERE o.JOB_INSTANCE_ID = a.JOB_INSTANCE_ID AND o.SEQ = a.SEQ)"""))
                .as("no removal logged as sent is left without its outcome").isZero();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", recorded));
        assertChainIntact(recorded);

        sandbox.faults().latency(Duration.ofMillis(5));
        CliResult restarted = workspace.command("restart", String.valueOf(stoppedId));

        assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).as("nothing redone after the stop").isEqualTo(Map.of("DELETED", (long) USERS));
        assertThat(workspace.count("SELECT COUNT(DISTINCT SEQ) FROM PURGE_OUTCOME")).as("one outcome per row").isEqualTo(USERS);
        assertThat(sandbox.requests().count("DELETE")).as("no removal sent twice").isEqualTo(USERS);
        assertThat(sandbox.directory().size()).isZero();
        assertChainIntact(USERS);
    }

    @Test
    void aRunKilledWhileTheNextChunkIsUnderWayIsContinuedWithoutSkippingItsRows() throws Exception {
        long recordedBeforeKill;
        try (ScimPurgeProcess run = startAndSlowDownAfter(8)) {
            Poll.until("the first chunk's outcomes are committed and the next chunk's removals are going out", Duration.ofSeconds(90),
                    () -> workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME") >= CHUNK
                            && sandbox.requests().count("DELETE") > CHUNK + 4 || !run.isAlive());
            assertThat(run.isAlive()).as(run.output()).isTrue();
            run.kill();
        }
        // the removals the killed process had sent are still carried out by the server, each after its latency
        Thread.sleep(SLOW.multipliedBy(3).toMillis());
        recordedBeforeKill = workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME");
        long removedBeforeKill = USERS - sandbox.directory().size();
        assertThat(removedBeforeKill).as("removals sent that have no outcome yet").isGreaterThan(recordedBeforeKill);
        assertThat(savedPosition()).as("the reader's saved position is not past a row without its outcome")
                .isLessThanOrEqualTo(recordedBeforeKill);
        sandbox.faults().latency(Duration.ofMillis(5));

        CliResult continued = workspace.command("restart", "--last");

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.count("SELECT COUNT(DISTINCT SEQ) FROM PURGE_OUTCOME")).as("no row skipped").isEqualTo(USERS);
        assertThat(workspace.outcomeCounts()).as("what the killed run removed without recording it is already gone")
                .isEqualTo(Map.of("DELETED", USERS - (removedBeforeKill - recordedBeforeKill), "ALREADY_GONE",
                        removedBeforeKill - recordedBeforeKill));
        assertThat(sandbox.directory().size()).isZero();
        assertChainIntact(USERS);
    }

    /** Starts the purge in a JVM of its own; once it has sent {@code deletes} removals, every request takes {@link #SLOW}. */
    private ScimPurgeProcess startAndSlowDownAfter(int deletes) throws InterruptedException {
        ScimPurgeProcess run = workspace.startInAnotherJvm("purge", purge);
        Poll.until("the purge sends its first removals", Duration.ofSeconds(90),
                () -> sandbox.requests().count("DELETE") >= deletes || !run.isAlive());
        sandbox.faults().latency(SLOW);
        assertThat(run.isAlive()).as(run.output()).isTrue();
        return run;
    }

    /** The remove step's reader position as its last commit saved it (0 for none). */
    private long savedPosition() throws SQLException {
        try (Connection c = workspace.jobDatabase(); PreparedStatement statement = c.prepareStatement("""
                SELECT x.SHORT_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT x
                JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = x.STEP_EXECUTION_ID
                WHERE s.STEP_NAME = 'removeAccounts' ORDER BY s.STEP_EXECUTION_ID DESC""");
                ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).as("the remove step saved its context").isTrue();
            Map<String, Object> context = new DefaultExecutionContextSerializer()
                    .deserialize(new ByteArrayInputStream(rs.getString(1).getBytes(StandardCharsets.ISO_8859_1)));
            return context.get("planned.last-seq") instanceof Long seq ? seq : 0;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> deletedAccounts() {
        return sandbox.requests().entries().stream()
                .filter(request -> request.method().equals("DELETE"))
                .map(RecordedRequest::rawPath)
                .map(path -> path.substring(path.lastIndexOf('/') + 1))
                .collect(Collectors.toSet());
    }

    private long outcomesOf(long jobExecutionId) {
        return workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?", jobExecutionId);
    }

    private void assertChainIntact(long rows) {
        CliResult verify = workspace.onDatabase(List.of("audit", "verify"));
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(verify.out()).contains("intact: " + rows + " rows verified");
    }
}
