package dev.scimpurge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * Real runs against the sandbox push their metrics to a real Prometheus Pushgateway on loopback;
 * the test reads them back from the gateway's /metrics, as Prometheus would.
 */
class MetricsPushTest {

    private static final String NOT_INSTALLED = "prometheus-pushgateway is not installed (apt-get install prometheus-pushgateway; .ci/run does)";

    @TempDir
    static Path gatewayDir;

    private static PushgatewayServer gateway;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeAll
    static void startGateway() throws Exception {
        Optional<Path> binary = PushgatewayServer.binary();
        if (binary.isPresent()) {
            gateway = PushgatewayServer.start(binary.get(), gatewayDir.resolve("pushgateway.log"));
        }
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(100).withDeactivatedFraction(0.3).withToken("m"), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "m");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Path csvOf(int from, int to, String... extra) {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i <= to; i++) {
            csv.append(String.format("user%05d@example.test%n", i));
        }
        for (String line : extra) {
            csv.append(line).append('\n');
        }
        return workspace.file("users-" + from + "-" + to + ".csv", csv.toString());
    }

    private Map<String, String> group(String... labels) {
        Map<String, String> wanted = new HashMap<>(Map.of("job", "scim-purge", "target", sandbox.baseUrl().toString()));
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return wanted;
    }

    private List<PushgatewayServer.Sample> samples(String name, String... labels) throws Exception {
        Map<String, String> wanted = group(labels);
        return gateway.scrape().stream().filter(s -> s.name().equals(name) && s.has(wanted)).toList();
    }

    private double value(String name, String... labels) throws Exception {
        List<PushgatewayServer.Sample> found = samples(name, labels);
        assertThat(found).as(name + " " + List.of(labels) + " in the Pushgateway").hasSize(1);
        return found.get(0).value();
    }

    private double sum(String name, String... labels) throws Exception {
        return samples(name, labels).stream().mapToDouble(PushgatewayServer.Sample::value).sum();
    }

    @Test
    void aRunPushesItsRowsRequestsRateLimitsRetriesAndStepDurations() throws Exception {
        assumeTrue(gateway != null, NOT_INSTALLED);
        sandbox.faults().rateLimit(4, 1);

        CliResult run = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 6, "ghost@example.test").toString(),
                "--lookup", "filter", "--concurrency", "2", "--metrics-push", gateway.url().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(value("scim_purge_rows", "outcome", "deleted")).isEqualTo(6);
        assertThat(value("scim_purge_rows", "outcome", "not_found")).isEqualTo(1);
        assertThat(value("scim_purge_rows", "outcome", "pending")).isZero();
        assertThat(value("scim_purge_rows_read")).isEqualTo(7);
        assertThat(sum("scim_purge_requests_total")).as("every request the sandbox received is counted")
                .isEqualTo(sandbox.requests().total());
        assertThat(sum("scim_purge_requests_total", "method", "DELETE", "status", "204")).isEqualTo(6);
        double limited = sum("scim_purge_requests_total", "status", "429");
        assertThat(limited).as("the sandbox's rate limit answered 429s").isPositive();
        assertThat(value("scim_purge_rate_limited_total")).isEqualTo(limited);
        assertThat(value("scim_purge_retry_after_wait_seconds_count")).isEqualTo(limited);
        assertThat(value("scim_purge_retry_after_wait_seconds_sum")).as("Retry-After: 1 each").isEqualTo(limited);
        assertThat(value("scim_purge_retries_total", "reason", "retry_after")).isEqualTo(limited);
        assertThat(value("scim_purge_run_exit_code")).isEqualTo(1);
        assertThat(value("scim_purge_run_refused")).isZero();
        assertThat(value("scim_purge_run_end", "end", "rows_failed")).isEqualTo(1);
        assertThat(samples("scim_purge_last_success_timestamp_seconds")).as("not every row was removed").isEmpty();
        for (String step : List.of("collectCandidates", "copyDirectory", "resolveAccounts", "checkGuards", "removeAccounts")) {
            assertThat(value("spring_batch_step_seconds_count", "spring_batch_step_name", step)).as(step).isEqualTo(1);
        }
        assertThat(value("spring_batch_job_seconds_count", "spring_batch_job_name", "purge")).isEqualTo(1);
        assertThat(value("push_time_seconds")).isPositive();
    }

    @Test
    void aRefusalAndTheLastSuccessStayVisibleAcrossRuns() throws Exception {
        assumeTrue(gateway != null, NOT_INSTALLED);
        String push = gateway.url().toString();

        CliResult refused = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--max-deletes", "5",
                "--metrics-push", push);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(value("scim_purge_run_refused")).isEqualTo(1);
        assertThat(value("scim_purge_run_exit_code")).isEqualTo(3);
        assertThat(samples("scim_purge_last_success_timestamp_seconds")).isEmpty();

        CliResult done = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 2).toString(), "--metrics-push", push);
        assertThat(done.exitCode()).as(done.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(value("scim_purge_run_refused")).isZero();
        double success = value("scim_purge_last_success_timestamp_seconds");
        assertThat(success).isCloseTo(System.currentTimeMillis() / 1000.0, Offset.offset(120.0));

        CliResult again = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--max-deletes", "5", "--run-id", "2",
                "--metrics-push", push);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(value("scim_purge_run_refused")).isEqualTo(1);
        assertThat(value("scim_purge_last_success_timestamp_seconds")).as("a later refusal keeps the last success").isEqualTo(success);
    }

    @Test
    void aLongRunPushesWhileItGoesOn() throws Exception {
        assumeTrue(gateway != null, NOT_INSTALLED);
        Path config = workspace.file("metrics.yml", "scim-purge:\n  metrics:\n    push-interval: 200ms\n");
        SandboxScimServer slow = SandboxScimServer.start(SandboxSettings.defaults().withUsers(100).withDeactivatedFraction(0.3)
                .withToken("m").withLatency(Duration.ofMillis(150)), 0);
        try {
            CompletableFuture<CliResult> run = CompletableFuture.supplyAsync(() -> workspace.purge("--url", slow.baseUrl().toString(),
                    "--deactivated", "--concurrency", "1", "--metrics-push", gateway.url().toString(), "--config", config.toString()));
            Map<String, String> wanted = Map.of("job", "scim-purge", "target", slow.baseUrl().toString());
            double seenDuringTheRun = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!run.isDone() && System.nanoTime() < deadline) {
                for (PushgatewayServer.Sample s : gateway.scrape()) {
                    if (s.name().equals("scim_purge_requests_total") && s.has(wanted) && !run.isDone()) {
                        seenDuringTheRun = Math.max(seenDuringTheRun, s.value());
                    }
                }
                Thread.sleep(100);
            }
            CliResult result = run.get(60, TimeUnit.SECONDS);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(seenDuringTheRun).as("requests were pushed before the run ended").isPositive();
        } finally {
            slow.close();
        }
    }

    @Test
    void anUnreachablePushgatewayChangesNothingOfTheRun() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliResult run = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 3).toString(),
                "--metrics-push", "http://127.0.0.1:" + closedPort);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().size()).isEqualTo(97);
        assertThat(workspace.lastExecution().orElseThrow().status()).isEqualTo("COMPLETED");
    }
}
