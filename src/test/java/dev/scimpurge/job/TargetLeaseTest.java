package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * A run holds its target's lock under a lease it renews in the job database. A run killed on one host (kill -9, an
 * OOM-killed pod whose retry pod has another host name) is continued from another within about one lease; a holder
 * that renews its lease is refused as before; stop, restart and purge agree on which is which and lead to a command
 * that works; and a run whose lease was taken over sends no more removals. "Another host" is the killed or running
 * process with its rows in the job database rewritten to another host name.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class TargetLeaseTest {

    private static final int USERS = 300;
    /** The remove step's chunk at the default concurrency, 8. */
    private static final int CHUNK = 64;
    /** The next chunk's first round, one row per worker, goes out while a chunk is answered and recorded. */
    private static final int ROUND = 8;
    private static final Duration RENEW_EVERY = Duration.ofSeconds(1);
    /** Long enough that a run killed a moment ago is still within its lease when the next one looks. */
    private static final Duration EXPIRES_AFTER = Duration.ofSeconds(10);
    /** A holder that missed a renewal: its lease neither renewed in time nor expired. */
    private static final Duration LATE = RENEW_EVERY.multipliedBy(3);
    private static final String OTHER_HOST = "scim-purge-nightly-7xk2p";

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private String url;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(10)).withToken("lease-test"), 0);
        url = sandbox.baseUrl().toString();
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "lease-test")
                .env("SCIM_PURGE_JOB_LEASE_RENEW_EVERY", RENEW_EVERY.toSeconds() + "s")
                .env("SCIM_PURGE_JOB_LEASE_EXPIRES_AFTER", EXPIRES_AFTER.toSeconds() + "s");
        System.setProperty("scim-purge.job.lease.renew-every", RENEW_EVERY.toSeconds() + "s");
        System.setProperty("scim-purge.job.lease.expires-after", EXPIRES_AFTER.toSeconds() + "s");
    }

    @AfterEach
    void stop() {
        renewer.shutdownNow();
        sandbox.close();
        System.clearProperty("scim-purge.job.lease.renew-every");
        System.clearProperty("scim-purge.job.lease.expires-after");
    }

    @Test
    void theSamePurgeFromAnotherHostWaitsOutTheLeaseOfTheKilledRunAndContinuesIt() throws Exception {
        long killed = killMidRunAndMoveToAnotherHost();
        Instant continuedAt = Instant.now();

        CliResult continued = workspace.purge("--url", url, "--deactivated");

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(Duration.between(continuedAt, Instant.now())).as("about one lease, and the rest of the run")
                .isLessThan(EXPIRES_AFTER.plusSeconds(30));
        assertThat(continued.out()).containsOnlyOnce("has not renewed its lease")
                .contains("(process " + 4242 + " on " + OTHER_HOST + ") is gone; taking over its lock")
                .contains("Execution " + killed + " was left STARTED by process 4242 on " + OTHER_HOST);
        assertEveryUserRemovedOnce();
    }

    @Test
    void stopSaysTheProcessIsGoneAndRestartTakesItOver() throws Exception {
        long killed = killMidRunAndMoveToAnotherHost();

        CliResult stop = workspace.command("stop", String.valueOf(killed), "--wait", "30");

        assertThat(stop.exitCode()).as(stop.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(stop.err()).as("its lease expired while stop waited").contains("process 4242 on " + OTHER_HOST)
                .contains("is gone").contains("'scim-purge restart " + killed + "'").contains("the same purge command");
        CliResult stopAgain = workspace.command("stop", String.valueOf(killed));
        assertThat(stopAgain.exitCode()).as(stopAgain.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(stopAgain.err()).contains("process 4242 on " + OTHER_HOST).contains("is gone")
                .contains("'scim-purge restart " + killed + "'");

        CliResult restart = workspace.command("restart", String.valueOf(killed));

        assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(restart.out()).contains("is gone; taking over its lock").contains("Taking it over");
        assertEveryUserRemovedOnce();
    }

    @Test
    void aHolderOnAnotherHostThatRenewsItsLeaseIsRefusedEvenAfterAMissedRenewal() throws Exception {
        CliResult first = workspace.purge("--url", url, "--csv", workspace.file("one.csv", "user00001@example.test\n").toString());
        assertThat(first.exitCode()).as("a first purge creates the job database: " + first).isEqualTo(ExitCodes.SUCCESS);
        try (OtherHostsHolder holder = new OtherHostsHolder(workspace.jobDatabase())) {
            ScheduledFuture<?> renewing = renewer.scheduleWithFixedDelay(holder::renew, 0, 200, TimeUnit.MILLISECONDS);

            CliResult refused = workspace.purge("--url", url, "--deactivated");

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(refused.err()).contains("is in progress in process 4242 on " + OTHER_HOST);
            assertThat(refused.out()).doesNotContain("has not renewed its lease");
            renewing.cancel(false);

            try (ScimPurgeProcess waiting = workspace.startInAnotherJvm("waiting", workspace.purgeArguments("--url", url, "--deactivated"))) {
                ScheduledFuture<?> late = renewer.scheduleWithFixedDelay(holder::renewLate, 0, 200, TimeUnit.MILLISECONDS);
                Poll.until("the purge waits for the lease to expire", Duration.ofSeconds(60),
                        () -> waiting.output().contains("has not renewed its lease") || !waiting.isAlive());
                late.cancel(false);
                renewer.scheduleWithFixedDelay(holder::renew, 0, 200, TimeUnit.MILLISECONDS);

                assertThat(waiting.awaitExit(Duration.ofSeconds(60))).as(waiting.output()).isEqualTo(ExitCodes.ALREADY_RUNNING);
                assertThat(waiting.output()).contains("has not renewed its lease")
                        .as("a renewed lease is a live holder").contains("is in progress in process 4242 on " + OTHER_HOST);
            }
            assertThat(holder.failures()).as("the holder's renewals all reached the job database").isEmpty();
        }
        assertThat(sandbox.requests().count("DELETE")).as("the refused purges removed nobody").isEqualTo(1);
    }

    @Test
    void aRunWhoseLeaseWasTakenOverStopsBeforeItsNextChunkOfRemovals() throws Exception {
        sandbox.faults().latency(Duration.ofMillis(80));
        try (ScimPurgeProcess purge = workspace.startInAnotherJvm("purge", workspace.purgeArguments("--url", url, "--deactivated"))) {
            Poll.until("the first chunk is removed", Duration.ofSeconds(90),
                    () -> sandbox.requests().count("DELETE") >= CHUNK + 8 || !purge.isAlive());
            assertThat(purge.isAlive()).as(purge.output()).isTrue();
            assertThat(workspace.sql("UPDATE PURGE_TARGET_LOCK SET OWNER_HOST = ?, OWNER_PID = 4242, HEARTBEAT_AT = CURRENT_TIMESTAMP, "
                    + "VERSION = VERSION + 1", OTHER_HOST)).as("another host takes the lock over").isEqualTo(1);
            // counted once the takeover has committed
            int deletesBefore = sandbox.requests().count("DELETE");

            assertThat(purge.awaitExit(Duration.ofSeconds(60))).as(purge.output()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(purge.output()).contains("taken over by process 4242 on " + OTHER_HOST)
                    .contains("no more removals are sent");
            assertThat(sandbox.requests().count("DELETE") - deletesBefore).as("at most the chunk in flight")
                    .isLessThanOrEqualTo(CHUNK);
        }
        long recorded = workspace.outcomeCounts().values().stream().mapToLong(Long::longValue).sum();
        assertThat(recorded).as("whole chunks only").isPositive().isLessThan(USERS).isEqualTo(recorded / CHUNK * CHUNK);
        assertThat(workspace.queryValue(String.class, "SELECT OWNER_HOST FROM PURGE_TARGET_LOCK"))
                .as("the lock stays with the run that took it over").isEqualTo(OTHER_HOST);
    }

    /** A purge in another JVM, killed with SIGKILL in its remove step; then its rows say it ran on another host. */
    private long killMidRunAndMoveToAnotherHost() throws Exception {
        sandbox.faults().latency(Duration.ofMillis(40));
        try (ScimPurgeProcess first = workspace.startInAnotherJvm("first", workspace.purgeArguments("--url", url, "--deactivated"))) {
            Poll.until("the first run removes 80 users", Duration.ofSeconds(90),
                    () -> sandbox.requests().count("DELETE") >= 80 || !first.isAlive());
            assertThat(first.isAlive()).as(first.output()).isTrue();
            first.kill();
        }
        sandbox.faults().latency(Duration.ofMillis(10));
        // as if renewed LATE ago: past RENEW_EVERY, so it is lapsing, neither alive nor expired (rather than waiting that long)
        assertThat(workspace.sql("UPDATE PURGE_TARGET_LOCK SET OWNER_HOST = ?, OWNER_PID = 4242, HEARTBEAT_AT = ?", OTHER_HOST,
                OffsetDateTime.now().minus(LATE))).isEqualTo(1);
        assertThat(workspace.sql("UPDATE PURGE_EXECUTION SET OWNER_HOST = ?, OWNER_PID = 4242", OTHER_HOST)).isEqualTo(1);
        Workspace.ExecutionRow killed = workspace.lastExecution().orElseThrow();
        assertThat(killed.status()).isEqualTo("STARTED");
        return killed.id();
    }

    /**
     * The purge on another host that holds the target's lock: like a real process it keeps its connection to the job
     * database open (for an H2 file, this JVM then serves the file to the purges under test, so it does not move
     * between processes under the renewals), and it renews its lease from {@link #renewer}'s thread.
     */
    private final class OtherHostsHolder implements AutoCloseable {

        private final Connection connection;
        private final List<SQLException> failures = new CopyOnWriteArrayList<>();

        OtherHostsHolder(Connection connection) throws SQLException {
            this.connection = connection;
            OffsetDateTime renewedAt = OffsetDateTime.now().minus(LATE);
            try (var insert = connection.prepareStatement("""
                    INSERT INTO PURGE_TARGET_LOCK (TARGET_KEY, TARGET, OWNER_HOST, OWNER_PID, ACQUIRED_AT, HEARTBEAT_AT, VERSION)
                    VALUES (?, ?, ?, 4242, ?, ?, 7)""")) {
                insert.setString(1, PurgeTargetLock.key(ScimBaseUrl.parse(url)));
                insert.setString(2, url);
                insert.setString(3, OTHER_HOST);
                insert.setObject(4, renewedAt);
                insert.setObject(5, renewedAt);
                insert.executeUpdate();
            }
        }

        void renew() {
            heartbeat(OffsetDateTime.now());
        }

        /** Goes on renewing, always {@link #LATE}. */
        void renewLate() {
            heartbeat(OffsetDateTime.now().minus(LATE));
        }

        /** A task of {@link #renewer} must not throw, or it is not run again: the failure is kept for the test to see. */
        private void heartbeat(OffsetDateTime at) {
            try (var update = connection.prepareStatement(
                    "UPDATE PURGE_TARGET_LOCK SET HEARTBEAT_AT = ?, VERSION = VERSION + 1 WHERE OWNER_HOST = ?")) {
                update.setObject(1, at);
                update.setString(2, OTHER_HOST);
                update.executeUpdate();
            } catch (SQLException e) {
                failures.add(e);
            }
        }

        List<SQLException> failures() {
            return failures;
        }

        @Override
        public void close() throws SQLException {
            renewer.shutdownNow();
            connection.close();
        }
    }

    private void assertEveryUserRemovedOnce() {
        assertThat(sandbox.directory().deactivated()).isEmpty();
        Map<String, Long> outcomes = workspace.outcomeCounts();
        assertThat(outcomes.keySet()).isSubsetOf("DELETED", "ALREADY_GONE");
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(USERS);
        assertThat(outcomes.getOrDefault("ALREADY_GONE", 0L)).as("at most the interrupted chunk and the next one's first round are redone")
                .isLessThanOrEqualTo(CHUNK + ROUND);
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_TARGET_LOCK")).as("released at the end").isZero();
    }
}
