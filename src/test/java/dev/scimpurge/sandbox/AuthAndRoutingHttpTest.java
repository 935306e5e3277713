package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuthAndRoutingHttpTest extends SandboxServerTestBase {

    @Override
    protected SandboxSettings settings() {
        return super.settings().withToken("s3cret-sandbox");
    }

    @Test
    void missingTokenIsAScimUnauthorized() {
        ScimTestClient.Reply reply = ScimTestClient.withAuthorizationHeader(server.baseUrl(), null).get("/Users");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.header("Content-Type")).isEqualTo("application/scim+json");
        JsonNode error = reply.json();
        assertThat(error.get("schemas").get(0).stringValue()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.get("status").stringValue()).isEqualTo("401");
        assertThat(error.get("detail").stringValue()).isNotBlank();
    }

    @Test
    void wrongTokenOrSchemeIsUnauthorizedAndTheTokenIsNeverEchoed() {
        for (String header : new String[] {"Bearer sandbox-token", "Bearer s3cret-sandboxX", "Basic czNjcmV0LXNhbmRib3g=",
                "s3cret-sandbox"}) {
            ScimTestClient.Reply reply = ScimTestClient.withAuthorizationHeader(server.baseUrl(), header)
                    .delete("/Users/" + seededUser(0).id());
            assertThat(reply.status()).as(header).isEqualTo(401);
            assertThat(reply.body()).doesNotContain("s3cret").doesNotContain("sandbox-token");
        }
        assertThat(server.directory().size()).isEqualTo(25);
    }

    @Test
    void theRightTokenGetsIn() {
        assertThat(client.get("/Users").status()).isEqualTo(200);
        assertThat(ScimTestClient.withAuthorizationHeader(server.baseUrl(), "bearer s3cret-sandbox")
                .get("/Users").status()).isEqualTo(200);
    }

    @Test
    void serviceProviderConfigDescribesTheSandbox() {
        ScimTestClient.Reply reply = client.get("/ServiceProviderConfig");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode config = reply.json();
        assertThat(config.get("schemas").get(0).stringValue())
                .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        assertThat(config.get("filter").get("supported").booleanValue()).isTrue();
        assertThat(config.get("filter").get("maxResults").intValue()).isEqualTo(1000);
        assertThat(config.get("patch").get("supported").booleanValue()).isTrue();
        assertThat(config.get("bulk").get("supported").booleanValue()).isFalse();
        assertThat(config.get("bulk").get("maxOperations").intValue()).isZero();
        assertThat(config.get("sort").get("supported").booleanValue()).isFalse();
        assertThat(config.get("etag").get("supported").booleanValue()).isFalse();
        assertThat(config.get("authenticationSchemes").get(0).get("type").stringValue()).isEqualTo("oauthbearertoken");
    }

    @Test
    void serviceProviderConfigNeedsTheTokenToo() {
        assertThat(ScimTestClient.withAuthorizationHeader(server.baseUrl(), null).get("/ServiceProviderConfig")
                .status()).isEqualTo(401);
    }

    @Test
    void unknownEndpointsAreScimNotFound() {
        for (String path : new String[] {"/Groups", "", "/", "/Users/a/b", "/Users/", "/users"}) {
            ScimTestClient.Reply reply = client.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.json().get("status").stringValue()).as(path).isEqualTo("404");
        }
    }

    @Test
    void pathsOutsideTheBaseAreNotFound() {
        URI root = URI.create("http://127.0.0.1:" + server.port());
        assertThat(new ScimTestClient(root, "s3cret-sandbox").get("/scim/v2x/Users").status()).isEqualTo(404);
        assertThat(new ScimTestClient(root, "s3cret-sandbox").get("/").status()).isEqualTo(404);
    }

    @Test
    void wrongMethodsAreNotAllowed() {
        ScimTestClient.Reply post = client.send("POST", "/Users", "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET");
        assertThat(post.json().get("detail").stringValue()).contains("POST");
        assertThat(client.send("DELETE", "/ServiceProviderConfig", null).status()).isEqualTo(405);
    }
}
