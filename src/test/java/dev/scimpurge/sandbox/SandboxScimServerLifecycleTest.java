package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SandboxScimServerLifecycleTest {

    @Test
    void bindsToLoopbackOnAnEphemeralPortAndSeeds() {
        try (SandboxScimServer server = SandboxScimServer.start(SandboxSettings.defaults(), 0)) {
            assertThat(server.port()).isPositive();
            assertThat(server.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/scim/v2");
            assertThat(server.siteUrl().toString()).isEqualTo("http://127.0.0.1:" + server.port());
            assertThat(server.scimBaseUrls()).containsExactly(server.baseUrl());
            assertThat(server.personality()).isEqualTo(SandboxPersonality.GENERIC);
            assertThat(server.directory().size()).isEqualTo(50);
            assertThat(server.directory().deactivated()).hasSize(10);
            assertThat(server.directory().byEmail("USER00050@example.test")).isPresent();
        }
    }

    @Test
    void aTakenPortIsReportedNotIgnored() {
        try (SandboxScimServer first = SandboxScimServer.start(SandboxSettings.defaults().withUsers(0), 0)) {
            assertThatThrownBy(() -> SandboxScimServer.start(SandboxSettings.defaults(), first.port()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(Integer.toString(first.port()));
        }
    }

    @Test
    void settingsLatencyAppliesUntilTheFaultOverridesIt() {
        SandboxSettings settings = SandboxSettings.defaults().withUsers(1).withLatency(Duration.ofMillis(200));
        try (SandboxScimServer server = SandboxScimServer.start(settings, 0)) {
            ScimTestClient client = new ScimTestClient(server.baseUrl(), settings.token());
            assertThat(timed(() -> client.get("/Users"))).isGreaterThanOrEqualTo(Duration.ofMillis(200));

            server.faults().latency(Duration.ZERO);
            assertThat(timed(() -> client.get("/Users"))).isLessThan(Duration.ofMillis(200));
        }
    }

    @Test
    void servesConcurrentClientsInParallel() {
        SandboxSettings settings = SandboxSettings.defaults().withLatency(Duration.ofMillis(300));
        try (SandboxScimServer server = SandboxScimServer.start(settings, 0)) {
            ScimTestClient client = new ScimTestClient(server.baseUrl(), settings.token());
            List<String> ids = server.directory().ids().subList(0, 16);

            Duration elapsed = timed(() -> {
                List<CompletableFuture<ScimTestClient.Reply>> deletes = ids.stream()
                        .map(id -> client.sendAsync("DELETE", "/Users/" + id, null)).toList();
                assertThat(deletes).allSatisfy(reply -> assertThat(reply.join().status()).isEqualTo(204));
            });

            // One at a time this would take 16 x 300 ms = 4.8 s.
            assertThat(elapsed).isLessThan(Duration.ofMillis(2_000));
            assertThat(server.directory().size()).isEqualTo(34);
            assertThat(server.requests().count("DELETE")).isEqualTo(16);
        }
    }

    @Test
    void concurrentDeletesOfTheSameUserSucceedExactlyOnce() {
        try (SandboxScimServer server = SandboxScimServer.start(SandboxSettings.defaults(), 0)) {
            ScimTestClient client = new ScimTestClient(server.baseUrl(), "sandbox-token");
            String id = server.directory().ids().get(0);

            List<Integer> statuses = IntStream.range(0, 20)
                    .mapToObj(i -> client.sendAsync("DELETE", "/Users/" + id, null)).toList()
                    .stream().map(reply -> reply.join().status()).toList();

            assertThat(statuses).containsOnly(204, 404);
            assertThat(statuses.stream().filter(status -> status == 204)).hasSize(1);
        }
    }

    @Test
    void closeStopsPromptlyEvenWithRequestsInFlight() throws Exception {
        SandboxScimServer server = SandboxScimServer.start(SandboxSettings.defaults().withUsers(1), 0);
        server.faults().latency(Duration.ofSeconds(30));
        ScimTestClient client = new ScimTestClient(server.baseUrl(), "sandbox-token");
        CompletableFuture<ScimTestClient.Reply> inFlight = client.sendAsync("GET", "/Users", null);
        awaitRequests(server, 1);

        Duration closing = timed(server::close);

        assertThat(closing).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(() -> inFlight.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> client.get("/Users")).isInstanceOfAny(UncheckedIOException.class,
                CompletionException.class);
        server.close(); // idempotent
    }

    private static void awaitRequests(SandboxScimServer server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.requests().total() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the request never arrived");
            }
            Thread.sleep(10);
        }
    }

    private static Duration timed(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
