package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.scim.ScimHttpClientFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * When AnaplanTokenAuthentication renews its token, against the sandbox's Anaplan auth service over
 * HTTP. The client's clock is moved by hand; the sandbox's tokens expire by the real clock.
 */
class AnaplanTokenRenewalTest {

    private static final int WORKERS = 8;

    private final MovableClock clock = new MovableClock(Instant.now());
    private SandboxScimServer anaplan;
    private CloseableHttpClient http;

    @AfterEach
    void stop() throws IOException {
        if (anaplan != null) {
            http.close();
            anaplan.close();
        }
    }

    private AnaplanTokenAuthentication authenticationAgainstTokensLiving(Duration lifetime) {
        anaplan = SandboxScimServer.start(SandboxSettings.defaults().withUsers(3).withPersonality(SandboxPersonality.ANAPLAN)
                .withAnaplanCredentials("ops@example.test", "s3cret-pw").withTokenLifetime(lifetime), 0);
        http = ScimHttpClientFactory.create(Duration.ofSeconds(5), Duration.ofSeconds(5), WORKERS, null, false, null);
        return new AnaplanTokenAuthentication(anaplan.siteUrl(), new Credentials.UserPassword("ops@example.test", "s3cret-pw"), http,
                JsonMapper.builder().build(), clock);
    }

    @Test
    void theRenewalWindowIsTheLastQuarterOfTheLifetimeAndAtMostFiveMinutes() {
        Instant received = Instant.parse("2026-11-22T02:00:00Z");

        assertThat(AnaplanTokenAuthentication.renewalTime(received, received.plus(Duration.ofMinutes(35))))
                .isEqualTo(received.plus(Duration.ofMinutes(30)));
        assertThat(AnaplanTokenAuthentication.renewalTime(received, received.plus(Duration.ofMinutes(4))))
                .isEqualTo(received.plus(Duration.ofMinutes(3)));
        assertThat(AnaplanTokenAuthentication.renewalTime(received, received.plusSeconds(2)))
                .isEqualTo(received.plusMillis(1500));
        assertThat(AnaplanTokenAuthentication.renewalTime(received, received)).as("expired on arrival: renewed on 401 only")
                .isEqualTo(Instant.MAX);
        assertThat(AnaplanTokenAuthentication.renewalTime(received, received.minusSeconds(30))).isEqualTo(Instant.MAX);
    }

    @Test
    void aTokenShorterThanFiveMinutesIsKeptForThreeQuartersOfItsLifetime() {
        AnaplanTokenAuthentication authentication = authenticationAgainstTokensLiving(Duration.ofMinutes(4));

        String first = authorizationOf(authentication);
        clock.advance(Duration.ofMinutes(3).minusSeconds(1));
        String stillFirst = authorizationOf(authentication);

        assertThat(stillFirst).isEqualTo(first);
        assertThat(tokenRequests()).containsExactly("POST /token/authenticate");

        clock.advance(Duration.ofSeconds(2));
        String second = authorizationOf(authentication);

        assertThat(second).isNotEqualTo(first);
        assertThat(tokenRequests()).containsExactly("POST /token/authenticate", "POST /token/refresh");
        assertThat(scimStatusWith(second)).isEqualTo(200);
        assertThat(scimStatusWith(first)).as("a refresh replaces the token").isEqualTo(401);
    }

    @Test
    void workersThatAllFindTheTokenDueShareOneRefresh() throws Exception {
        AnaplanTokenAuthentication authentication = authenticationAgainstTokensLiving(Duration.ofMinutes(4));
        String first = authorizationOf(authentication);
        clock.advance(Duration.ofMinutes(3).plusSeconds(30));

        List<String> seen = atOnce(() -> authorizationOf(authentication));

        assertThat(seen).hasSize(WORKERS).doesNotContain(first).containsOnly(seen.get(0));
        assertThat(tokenRequests()).containsExactly("POST /token/authenticate", "POST /token/refresh");
        assertThat(scimStatusWith(seen.get(0))).isEqualTo(200);
    }

    @Test
    void workersRejectedWithTheSameStaleTokenShareOneRenewal() throws Exception {
        AnaplanTokenAuthentication authentication = authenticationAgainstTokensLiving(Duration.ofMinutes(35));
        String first = authorizationOf(authentication);
        anaplan.faults().expireTokens();

        List<Boolean> retried = atOnce(() -> {
            HttpGet rejected = new HttpGet(anaplan.baseUrl() + "/Users");
            rejected.setHeader(HttpHeaders.AUTHORIZATION, first);
            return authentication.renewAfterRejection(rejected);
        });

        assertThat(retried).hasSize(WORKERS).containsOnly(true);
        String renewed = authorizationOf(authentication);
        assertThat(renewed).isNotEqualTo(first);
        // the expired token cannot be refreshed, so the one renewal is a refused refresh and a new login
        assertThat(tokenRequests()).containsExactly("POST /token/authenticate", "POST /token/refresh", "POST /token/authenticate");
        assertThat(scimStatusWith(renewed)).isEqualTo(200);
    }

    /** Runs {@code work} on {@link #WORKERS} threads released together; their answers. */
    private static <T> List<T> atOnce(Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> worker : workers) {
                answers.add(worker.get(10, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private String authorizationOf(AnaplanTokenAuthentication authentication) {
        HttpGet request = new HttpGet(anaplan.baseUrl() + "/Users");
        authentication.authorize(request);
        return request.getFirstHeader(HttpHeaders.AUTHORIZATION).getValue();
    }

    private int scimStatusWith(String authorization) {
        HttpGet request = new HttpGet(URI.create(anaplan.baseUrl() + "/Users?count=1"));
        request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
        try {
            return http.execute(request, response -> response.getCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> tokenRequests() {
        return anaplan.requests().lines().stream().filter(line -> line.contains("/token/")).toList();
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
