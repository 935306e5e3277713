package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
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
import dev.scimpurge.support.Workspace;

/**
 * The pace a purge learned from a target's 429s is kept in the job database (PURGE_TARGET_PACE, keyed by the target
 * URL's SHA-256 as PURGE_TARGET_LOCK is), and the next run of the same target starts at it: it meets the limit far
 * less often than the first run, which started unpaced. It still learns: against a lower limit the kept pace falls.
 * Each run is a sandbox on the same port, so that the target URL is the same; every request the sandbox received
 * (the probe's too) is counted. Counted, not timed. A low limit, so that the few milliseconds a loaded machine holds
 * a request up do not put one more into the sandbox's next one-second window.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class LearnedPaceKeptTest {

    private static final int USERS = 150;
    private static final int PER_SECOND = 30;
    private static final String TOKEN = "kept-pace";

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** Closes the sandbox before, and starts another with fresh users on the same port: the same target. */
    private SandboxScimServer sandbox(int port, int users, int perSecond) {
        if (sandbox != null) {
            sandbox.close();
        }
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(users).withDeactivatedFraction(0)
                .withLatency(Duration.ofMillis(5)).withToken(TOKEN), port);
        sandbox.faults().rateLimit(perSecond, 1);
        return sandbox;
    }

    /** Requests answered 429: each is sent again with the same request line. */
    private static int refused(SandboxScimServer sandbox) {
        List<String> lines = sandbox.requests().lines();
        return lines.size() - new HashSet<>(lines).size();
    }

    private static CliResult purge(Workspace workspace, SandboxScimServer sandbox, int users, String runId) {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= users; i++) {
            csv.append("user%05d@example.test%n".formatted(i));
        }
        return workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", workspace.file("users-" + runId + ".csv", csv.toString()).toString(),
                "--lookup", "directory", "--max-deletes", String.valueOf(users), "--run-id", runId);
    }

    private static long deletedInLatestRun(Workspace workspace) {
        return workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME WHERE OUTCOME = 'DELETED' "
                + "AND JOB_INSTANCE_ID = (SELECT MAX(JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE)");
    }

    private static double keptPace(Workspace workspace, String targetKey) {
        return workspace.queryValue(Double.class, "SELECT RATE_PER_SECOND FROM PURGE_TARGET_PACE WHERE TARGET_KEY = ?", targetKey);
    }

    @Test
    void theNextRunOfATargetStartsAtThePaceItsLastRunLearnedAndStillLowersItAgainstALowerLimit() {
        Workspace workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", TOKEN);
        SandboxScimServer first = sandbox(0, USERS, PER_SECOND);
        int port = first.baseUrl().getPort();
        String targetKey = PurgeTargetLock.key(ScimBaseUrl.parse(first.baseUrl().toString()));

        CliResult firstRun = purge(workspace, first, USERS, "1");
        int refusedFirst = refused(first);

        assertThat(firstRun.exitCode()).as(firstRun.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deletedInLatestRun(workspace)).isEqualTo(USERS);
        assertThat(first.directory().size()).isZero();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_DIRECTORY")).as("the copy is dropped by the end of the run").isZero();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_TARGET_PACE")).as("one row, for the one target").isEqualTo(1);
        double learned = keptPace(workspace, targetKey);
        assertThat(learned).as("kept under the target's key: about what the sandbox admits").isBetween(PER_SECOND * 0.5, PER_SECOND * 1.1);
        assertThat(refusedFirst).as("unpaced at first, the first run met the limit").isGreaterThanOrEqualTo(2);

        SandboxScimServer second = sandbox(port, USERS, PER_SECOND);
        CliResult secondRun = purge(workspace, second, USERS, "2");
        int refusedSecond = refused(second);

        assertThat(secondRun.exitCode()).as(secondRun.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deletedInLatestRun(workspace)).isEqualTo(USERS);
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME WHERE OUTCOME <> 'DELETED'")).as("no failed row in either run").isZero();
        assertThat(second.directory().size()).isZero();
        assertThat(refusedSecond).as("429s: " + refusedFirst + " in the first run, " + refusedSecond + " in the second")
                .isLessThan((refusedFirst + 1) / 2);
        double kept = keptPace(workspace, targetKey);
        assertThat(kept).as("still about what the sandbox admits").isBetween(PER_SECOND * 0.5, PER_SECOND * 1.1);

        int lower = PER_SECOND / 3;
        SandboxScimServer third = sandbox(port, USERS, lower);
        CliResult thirdRun = purge(workspace, third, USERS / 3, "3");

        assertThat(thirdRun.exitCode()).as(thirdRun.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deletedInLatestRun(workspace)).isEqualTo(USERS / 3);
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME WHERE OUTCOME <> 'DELETED'")).isZero();
        assertThat(refused(third)).as("the kept pace was too fast for the lower limit").isPositive();
        assertThat(keptPace(workspace, targetKey)).as("learned anew from the lower limit's 429s").isLessThanOrEqualTo(lower * 1.1);
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_TARGET_PACE")).isEqualTo(1);
    }
}
