package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

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
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * Only one purge runs against a target at a time, whatever its input and whichever process or
 * host it runs in; the lock of a run that died is taken over.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class OnePurgePerTargetTest {

    private static final int DEACTIVATED = 200;

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private String url;
    private Path activeUsers;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(DEACTIVATED).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(10)).withToken("lock-test"), 0);
        for (int i = 0; i < 3; i++) {
            sandbox.directory().add(new SandboxUser("active-" + i, "active" + i + "@example.test",
                    List.of("active" + i + "@example.test"), true, "Registered", List.of()));
        }
        url = sandbox.baseUrl().toString();
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "lock-test");
        activeUsers = workspace.file("active.csv", "active0@example.test\nactive1@example.test\n");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aSecondPurgeOfTheSameTargetIsRefusedAndADeadRunsLockIsTakenOver() throws Exception {
        long firstPid;
        long firstExecution;
        // 500 users, slowed once 20 are removed: the first purge is surely still removing while the second one starts,
        // even on a loaded machine (with 200 it could end meanwhile), and its chunks stay short enough (a slow chunk
        // holds its lease's row lock, which the second purge's look at the lock waits for on PostgreSQL).
        for (int i = 0; i < 300; i++) {
            sandbox.directory().add(new SandboxUser("more-" + i, "more" + i + "@example.test", List.of("more" + i + "@example.test"),
                    false, "Registered", List.of()));
        }
        try (ScimPurgeProcess first = workspace.startInAnotherJvm("first", workspace.purgeArguments("--url", url, "--deactivated"))) {
            Poll.until("the first purge removes 20 users", Duration.ofSeconds(90),
                    () -> sandbox.requests().count("DELETE") >= 20 || !first.isAlive());
            assertThat(first.isAlive()).as(first.output()).isTrue();
            sandbox.faults().latency(Duration.ofMillis(200));
            firstPid = first.pid();
            firstExecution = workspace.lastExecution().orElseThrow().id();

            CliResult second = workspace.purge("--url", url, "--csv", activeUsers.toString());

            assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(second.err()).contains("Another purge of " + url + " is in progress: execution " + firstExecution
                    + " (deactivated users, run id 1) in process " + firstPid + " on ")
                    .contains("scim-purge stop " + firstExecution);
            assertThat(workspace.lastExecution().orElseThrow().id()).as("the refused purge created no execution")
                    .isEqualTo(firstExecution);
            first.kill();
        }
        sandbox.faults().latency(Duration.ofMillis(10));
        assertThat(lockHolders()).as("a killed run leaves its lock behind").containsExactly(firstPid);

        CliResult again = workspace.purge("--url", url, "--deactivated");

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(again.out()).contains("The previous purge of " + url + " (process " + firstPid + " on ")
                .contains("is gone; taking over its lock")
                .contains("Execution " + firstExecution + " was left STARTED by process " + firstPid);
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(sandbox.directory().all()).as("the refused purge removed nobody").hasSize(3);
        assertThat(lockHolders()).as("released at the end of the run").isEmpty();
    }

    @Test
    void aLockHeldFromAnotherHostIsRespectedUntilItsLeaseExpires() throws Exception {
        CliResult first = workspace.purge("--url", url, "--csv", workspace.file("one.csv", "user00001@example.test\n").toString());
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.SUCCESS);
        holdLockFromAnotherHost(OffsetDateTime.now());

        CliResult refused = workspace.purge("--url", url, "--deactivated");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ALREADY_RUNNING);
        assertThat(refused.err()).contains("is in progress in process 4242 on build-host-b, since ")
                .contains("it holds the lock, but has had no running execution for 3 s");
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(1);

        ageLockHeartbeat(OffsetDateTime.now().minusMinutes(1)); // not renewed for longer than the lease, 30 s
        CliResult takenOver = workspace.purge("--url", url, "--deactivated");

        assertThat(takenOver.exitCode()).as(takenOver.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(takenOver.out()).contains("(process 4242 on build-host-b) is gone; taking over its lock");
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(lockHolders()).isEmpty();
    }

    @Test
    void aLockReleasedAMomentAfterItsExecutionEndedDoesNotRefuseTheNextRun() throws Exception {
        CliResult first = workspace.purge("--url", url, "--csv", workspace.file("one.csv", "user00001@example.test\n").toString());
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.SUCCESS);
        // a holder whose execution has ended (none is running) and which releases the lock a second later
        holdLockFromAnotherHost(OffsetDateTime.now());
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(1000);
                try (Connection c = workspace.jobDatabase()) {
                    c.createStatement().executeUpdate("DELETE FROM PURGE_TARGET_LOCK");
                }
            } catch (InterruptedException | SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        release.start();

        CliResult next = workspace.purge("--url", url, "--deactivated");
        release.join();

        assertThat(next.exitCode()).as(next.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(lockHolders()).isEmpty();
    }

    private void holdLockFromAnotherHost(OffsetDateTime heartbeat) throws SQLException {
        try (Connection c = workspace.jobDatabase(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO PURGE_TARGET_LOCK (TARGET_KEY, TARGET, OWNER_HOST, OWNER_PID, ACQUIRED_AT, HEARTBEAT_AT, VERSION)
                VALUES (?, ?, 'build-host-b', 4242, ?, ?, 7)""")) {
            insert.setString(1, PurgeTargetLock.key(ScimBaseUrl.parse(url)));
            insert.setString(2, url);
            insert.setObject(3, heartbeat);
            insert.setObject(4, heartbeat);
            insert.executeUpdate();
        }
    }

    private void ageLockHeartbeat(OffsetDateTime heartbeat) throws SQLException {
        try (Connection c = workspace.jobDatabase(); PreparedStatement update = c.prepareStatement(
                "UPDATE PURGE_TARGET_LOCK SET HEARTBEAT_AT = ?")) {
            update.setObject(1, heartbeat);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private List<Long> lockHolders() throws SQLException {
        try (Connection c = workspace.jobDatabase(); ResultSet rs = c.createStatement().executeQuery("SELECT OWNER_PID FROM PURGE_TARGET_LOCK")) {
            List<Long> pids = new java.util.ArrayList<>();
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
            return pids;
        }
    }
}
