package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** What holds whichever service the sandbox imitates: the generic faults, the request log, the config document. */
class EveryPersonalityHttpTest {

    private static final String DEACTIVATE = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";

    private static SandboxScimServer start(SandboxPersonality personality) {
        return SandboxScimServer.start(SandboxSettings.defaults().withUsers(5).withPersonality(personality), 0);
    }

    /** A client for the personality's SCIM base, logged in the way that service wants. */
    private static ScimTestClient client(SandboxScimServer server) {
        if (server.personality() != SandboxPersonality.ANAPLAN) {
            return new ScimTestClient(server.baseUrl(), SandboxSettings.defaults().token());
        }
        String basic = Base64.getEncoder()
                .encodeToString("admin@example.test:sandbox-password".getBytes(StandardCharsets.UTF_8));
        String token = ScimTestClient.withAuthorizationHeader(server.siteUrl(), "Basic " + basic)
                .send("POST", "/token/authenticate", null).json().get("tokenInfo").get("tokenValue").stringValue();
        return ScimTestClient.withAuthorizationHeader(server.baseUrl(), "AnaplanAuthToken " + token);
    }

    @ParameterizedTest
    @EnumSource(SandboxPersonality.class)
    void serviceProviderConfigSaysBulkIsNotSupported(SandboxPersonality personality) {
        try (SandboxScimServer server = start(personality)) {
            JsonNode config = client(server).get("/ServiceProviderConfig").json();
            assertThat(config.get("bulk").get("supported").booleanValue()).isFalse();
            assertThat(config.get("patch").get("supported").booleanValue()).isTrue();
            assertThat(config.get("meta").get("location").stringValue())
                    .isEqualTo(server.baseUrl() + "/ServiceProviderConfig");
        }
    }

    @ParameterizedTest
    @EnumSource(SandboxPersonality.class)
    void forcedStatusRateLimitAndUserFailuresWork(SandboxPersonality personality) {
        try (SandboxScimServer server = start(personality)) {
            ScimTestClient client = client(server);
            SandboxUser user = server.directory().all().get(0);

            server.faults().failUser(user.userName(), 409, "locked");
            assertThat(client.patch("/Users/" + UrlCodec.encodePathSegment(user.id()), DEACTIVATE).status())
                    .isEqualTo(409);

            server.faults().forceStatus(503);
            assertThat(client.get("/Users").status()).isEqualTo(503);

            server.faults().reset();
            server.faults().rateLimit(1, 4);
            assertThat(client.get("/Users").status()).isEqualTo(200);
            ScimTestClient.Reply limited = client.get("/Users");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isEqualTo("4");
        }
    }

    @ParameterizedTest
    @EnumSource(SandboxPersonality.class)
    void latencyDelaysAndTheLogRecordsEveryRequest(SandboxPersonality personality) {
        try (SandboxScimServer server = start(personality)) {
            ScimTestClient client = client(server);
            server.faults().latency(Duration.ofMillis(150));

            long started = System.nanoTime();
            assertThat(client.get("/Users?count=2").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));

            assertThat(server.requests().lines()).last()
                    .isEqualTo("GET " + server.baseUrl().getRawPath() + "/Users?count=2");
        }
    }

    @ParameterizedTest
    @EnumSource(SandboxPersonality.class)
    void pathsNoEndpointServesAreScimNotFoundNamingTheBases(SandboxPersonality personality) {
        try (SandboxScimServer server = start(personality)) {
            ScimTestClient.Reply reply = new ScimTestClient(server.siteUrl(), "sandbox-token").get("/nowhere");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("detail").stringValue()).contains(server.baseUrl().getRawPath());
        }
    }
}
