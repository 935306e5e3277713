package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnaplanPersonalityHttpTest extends SandboxServerTestBase {

    private static final String PATCH_SCHEMA = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";

    @Override
    protected SandboxSettings settings() {
        return SandboxSettings.defaults().withUsers(12).withPersonality(SandboxPersonality.ANAPLAN);
    }

    private ScimTestClient site(String authorization) {
        return ScimTestClient.withAuthorizationHeader(server.siteUrl(), authorization);
    }

    private ScimTestClient.Reply authenticate(String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return site("Basic " + basic).send("POST", "/token/authenticate", null);
    }

    private String newToken() {
        ScimTestClient.Reply reply = authenticate("admin@example.test", "sandbox-password");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("tokenInfo").get("tokenValue").stringValue();
    }

    private ScimTestClient.Reply refresh(String token) {
        return site("AnaplanAuthToken " + token).send("POST", "/token/refresh", null);
    }

    private ScimTestClient scim(String token) {
        return ScimTestClient.withAuthorizationHeader(server.baseUrl(), "AnaplanAuthToken " + token);
    }

    @Test
    void scimLivesAtTheAnaplanPathAndAuthOnTheSameSite() {
        assertThat(server.baseUrl()).isEqualTo(URI.create(server.siteUrl() + "/scim/1/0/v2"));
        assertThat(server.scimBaseUrls()).containsExactly(server.baseUrl());
        assertThat(site(null).send("POST", "/token/authenticate", null).status()).isEqualTo(401);
        assertThat(site(null).get("/scim/v2/Users").status()).isEqualTo(404);
    }

    @Test
    void authenticateAnswersATokenInfoThatOpensTheScimApi() {
        long before = System.currentTimeMillis();
        ScimTestClient.Reply reply = authenticate("admin@example.test", "sandbox-password");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = reply.json();
        assertThat(body.get("status").stringValue()).isEqualTo("SUCCESS");
        assertThat(body.get("statusMessage").stringValue()).isEqualTo("Login successful");
        JsonNode tokenInfo = body.get("tokenInfo");
        assertThat(tokenInfo.get("expiresAt").longValue())
                .isCloseTo(before + Duration.ofMinutes(35).toMillis(), within(5_000L));
        assertThat(tokenInfo.get("tokenId").stringValue()).matches("[0-9a-f-]{36}");
        assertThat(tokenInfo.get("refreshTokenId").stringValue()).matches("[0-9a-f-]{36}")
                .isNotEqualTo(tokenInfo.get("tokenId").stringValue());
        String token = tokenInfo.get("tokenValue").stringValue();
        assertThat(token).hasSizeGreaterThan(20);

        ScimTestClient.Reply users = scim(token).get("/Users");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.json().get("totalResults").intValue()).isEqualTo(12);
    }

    @Test
    void wrongCredentialsAreABadCredentialFailure() {
        for (ScimTestClient.Reply reply : new ScimTestClient.Reply[] {
                authenticate("admin@example.test", "wrong"), authenticate("someone@example.test", "sandbox-password"),
                site("Basic !!!").send("POST", "/token/authenticate", null),
                site("Bearer sandbox-token").send("POST", "/token/authenticate", null)}) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.json().get("status").stringValue()).isEqualTo("FAILURE_BAD_CREDENTIAL");
            assertThat(reply.json().get("statusMessage").stringValue()).isNotBlank();
            assertThat(reply.body()).doesNotContain("sandbox-password");
        }
        assertThat(site(null).get("/token/authenticate").status()).isEqualTo(405);
    }

    @Test
    void otherCredentialsCanBeConfigured() {
        server.close();
        server = SandboxScimServer.start(settings().withAnaplanCredentials("ops@corp.test", "pa:ss"), 0);

        assertThat(authenticate("admin@example.test", "sandbox-password").status()).isEqualTo(401);
        assertThat(authenticate("ops@corp.test", "pa:ss").status()).isEqualTo(201);
    }

    @Test
    void scimNeedsAValidAnaplanAuthToken() {
        for (String header : new String[] {null, "Bearer sandbox-token", "AnaplanAuthToken not-a-token",
                "Bearer " + newToken()}) {
            ScimTestClient.Reply reply = ScimTestClient.withAuthorizationHeader(server.baseUrl(), header).get("/Users");
            assertThat(reply.status()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(reply.json().get("schemas").get(0).stringValue())
                    .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(reply.header("WWW-Authenticate")).startsWith("AnaplanAuthToken");
        }
        assertThat(ScimTestClient.withAuthorizationHeader(server.baseUrl(), "anaplanauthtoken " + newToken())
                .get("/Users").status()).isEqualTo(200);
    }

    @Test
    void expiredTokensAre401UntilTheClientAuthenticatesAgain() {
        String token = newToken();
        assertThat(scim(token).get("/Users?count=1").status()).isEqualTo(200);

        server.faults().expireTokens();

        assertThat(scim(token).get("/Users?count=1").status()).isEqualTo(401);
        ScimTestClient.Reply refreshExpired = refresh(token);
        assertThat(refreshExpired.status()).isEqualTo(401);
        assertThat(refreshExpired.json().get("status").stringValue()).isEqualTo("FAILURE_BAD_CREDENTIAL");

        String fresh = newToken();
        assertThat(scim(fresh).get("/Users?count=1").status()).isEqualTo(200);
        assertThat(scim(token).get("/Users?count=1").status()).isEqualTo(401);
    }

    @Test
    void refreshReplacesAWorkingToken() {
        String old = newToken();

        ScimTestClient.Reply reply = refresh(old);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("status").stringValue()).isEqualTo("SUCCESS");
        assertThat(reply.json().get("statusMessage").stringValue()).isEqualTo("Token refreshed");
        String renewed = reply.json().get("tokenInfo").get("tokenValue").stringValue();
        assertThat(renewed).isNotEqualTo(old);
        assertThat(scim(renewed).get("/Users?count=1").status()).isEqualTo(200);
        assertThat(scim(old).get("/Users?count=1").status()).isEqualTo(401);
        assertThat(refresh(old).status()).isEqualTo(401);
    }

    @Test
    void tokensExpireAfterTheirLifetime() throws InterruptedException {
        server.close();
        server = SandboxScimServer.start(settings().withTokenLifetime(Duration.ofMillis(300)), 0);
        long before = System.currentTimeMillis();
        ScimTestClient.Reply issued = authenticate("admin@example.test", "sandbox-password");
        assertThat(issued.json().get("tokenInfo").get("expiresAt").longValue()).isCloseTo(before + 300, within(250L));
        String token = issued.json().get("tokenInfo").get("tokenValue").stringValue();
        assertThat(scim(token).get("/Users?count=1").status()).isEqualTo(200);

        Thread.sleep(400);

        assertThat(scim(token).get("/Users?count=1").status()).isEqualTo(401);
        assertThat(refresh(token).status()).isEqualTo(401);
    }

    @Test
    void deleteIsNotSupported() {
        SandboxUser user = seededUser(0);

        ScimTestClient.Reply reply = scim(newToken()).delete("/Users/" + user.id());

        assertThat(reply.status()).isEqualTo(501);
        assertThat(reply.json().get("schemas").get(0).stringValue())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(reply.json().get("detail").stringValue())
                .isEqualTo("The requested operation is not supported by the service provider.");
        assertThat(server.directory().find(user.id())).contains(user);
    }

    @Test
    void seededUsersHaveGuidIdsAndWorkspaceEntitlementsWhichPatchRemoves() {
        assertThat(server.directory().all()).allSatisfy(user -> {
            assertThat(user.id()).matches("[0-9a-f]{32}");
            assertThat(user.userType()).isNull();
            assertThat(user.entitlements()).isNotEmpty().allMatch(workspace -> workspace.matches("[0-9a-f]{32}"));
        });
        assertThat(seededUser(1).entitlements()).hasSize(2);
        SandboxUser user = seededUser(1);
        ScimTestClient client = scim(newToken());

        JsonNode withoutAccess = client.patch("/Users/" + user.id(),
                "{" + PATCH_SCHEMA + ",\"Operations\":[{\"op\":\"remove\",\"path\":\"entitlements\"}]}").json();
        assertThat(withoutAccess.has("entitlements")).isFalse();
        assertThat(withoutAccess.get("active").stringValue()).as("Anaplan answers active as text")
                .isEqualTo(user.active() ? "True" : "False");

        JsonNode disabled = client.patch("/Users/" + user.id(),
                "{" + PATCH_SCHEMA + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")
                .json();
        assertThat(disabled.get("active").stringValue()).isEqualTo("False");
        assertThat(server.directory().find(user.id()).orElseThrow().entitlements()).isEmpty();
    }

    @Test
    void onlyTheDocumentedFilterAttributesWorkOthersAnswer404Sensitive() {
        SandboxUser user = seededUser(2);
        ScimTestClient client = scim(newToken());

        assertThat(client.idsMatching("userName eq \"" + user.userName() + "\"")).containsExactly(user.id());
        ScimTestClient.Reply refused = client.list("emails.value eq \"" + user.emails().get(0) + "\"", null, null);

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("scimType").stringValue()).isEqualTo("sensitive");
        assertThat(refused.json().get("detail").stringValue()).contains("restricted or confidential");
    }

    @Test
    void authCallsAreRecordedAndScimFaultsLeaveThemAlone() {
        server.faults().forceStatus(503);
        String token = newToken();
        assertThat(scim(token).get("/Users").status()).isEqualTo(503);
        assertThat(refresh(token).status()).isEqualTo(201);

        assertThat(server.requests().lines()).containsExactly(
                "POST /token/authenticate", "GET /scim/1/0/v2/Users", "POST /token/refresh");
        assertThat(server.requests().entries().toString()).doesNotContain(token);
    }

    @Test
    void serviceProviderConfigExplainsTheTokenScheme() {
        JsonNode scheme = scim(newToken()).get("/ServiceProviderConfig").json().get("authenticationSchemes").get(0);
        assertThat(scheme.get("description").stringValue()).contains("/token/authenticate", "AnaplanAuthToken");
    }
}
