package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * With no {@code --rate}, a purge against a service that answers 429 above a rate learns that rate
 * from the 429s and keeps under it, instead of running into the limit and waiting out its
 * Retry-After again and again. Counted, not timed: the machine may be slow, but the learned run
 * meets the limit about once, the other about once per second of the run.
 */
class LearnedPacingTest {

    private static final int USERS = 500;
    private static final int PER_SECOND = 60;
    private static final int CONCURRENCY = 8;
    private static final String TOKEN = "pacing";

    @TempDir
    Path dir;

    private final List<SandboxScimServer> sandboxes = new ArrayList<>();

    @AfterEach
    void stop() {
        sandboxes.forEach(SandboxScimServer::close);
    }

    private record Run(CliResult result, Workspace workspace, SandboxScimServer sandbox) {

        /** Requests answered 429: each is sent again with the same request line. */
        int refused() {
            List<String> lines = sandbox.requests().lines();
            return lines.size() - new HashSet<>(lines).size();
        }
    }

    private Run purge(String name, String settings) {
        SandboxScimServer sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(0)
                .withLatency(Duration.ofMillis(5)).withToken(TOKEN), 0);
        sandboxes.add(sandbox);
        sandbox.faults().rateLimit(PER_SECOND, 1);
        Workspace workspace = new Workspace(dir.resolve(name)).env("SCIM_TOKEN", TOKEN);
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= USERS; i++) {
            csv.append("user%05d@example.test%n".formatted(i));
        }
        List<String> arguments = new ArrayList<>(List.of("--url", sandbox.baseUrl().toString(), "--csv",
                workspace.file("users.csv", csv.toString()).toString(), "--lookup", "directory", "--concurrency",
                String.valueOf(CONCURRENCY), "--max-deletes", String.valueOf(USERS)));
        if (!settings.isEmpty()) {
            arguments.addAll(List.of("--config", workspace.file("settings.yml", settings).toString()));
        }
        return new Run(workspace.purge(arguments.toArray(String[]::new)), workspace, sandbox);
    }

    @Test
    void aRateLearnedFrom429sMeetsTheLimitFarLessOftenThanRetryAfterAloneAndFailsNoOne() {
        Run learned = purge("learned", "");
        Run retryAfterOnly = purge("retry-after-only", "scim-purge:\n  http:\n    learn-rate-from-429: false\n");

        for (Run run : List.of(learned, retryAfterOnly)) {
            assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(run.workspace().outcomeCounts()).isEqualTo(Map.of("DELETED", (long) USERS));
            assertThat(run.sandbox().directory().size()).isZero();
        }
        String refused = "refused: " + learned.refused() + " learning the rate, " + retryAfterOnly.refused() + " with Retry-After alone";
        assertThat(retryAfterOnly.refused()).as("without learning, the run meets the limit in about every second of it; " + refused)
                .isGreaterThanOrEqualTo(3 * CONCURRENCY);
        assertThat(learned.refused()).as("the requests in flight when it first met the limit, and at most two more times; " + refused)
                .isLessThanOrEqualTo(3 * CONCURRENCY)
                .isLessThan(retryAfterOnly.refused() / 2);
    }
}
