package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SlackPersonalityHttpTest extends SandboxServerTestBase {

    @Override
    protected SandboxSettings settings() {
        return SandboxSettings.defaults().withUsers(30).withPersonality(SandboxPersonality.SLACK);
    }

    private ScimTestClient v1() {
        return new ScimTestClient(URI.create(server.siteUrl() + "/scim/v1"), settings().token());
    }

    private void restartWith(SandboxSettings settings) {
        server.close();
        server = SandboxScimServer.start(settings, 0);
        client = new ScimTestClient(server.baseUrl(), settings.token());
    }

    private static void assertInvalidFilter(ScimTestClient.Reply reply, String attribute) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().get("scimType").stringValue()).isEqualTo("invalidFilter");
        assertThat(reply.json().get("detail").stringValue()).contains("'" + attribute + "'");
        assertThat(reply.json().get("status").intValue()).as("v2 sends the status as a number").isEqualTo(400);
    }

    /** SCIM v1 answers {"Errors": {"description": ..., "code": 400}}, with no scimType. */
    private static void assertV1Refused(ScimTestClient.Reply reply, String attribute) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().get("Errors").get("code").intValue()).isEqualTo(400);
        assertThat(reply.json().get("Errors").get("description").stringValue()).contains("'" + attribute + "'");
    }

    @Test
    void servesV2AndV1OverOneDirectoryWithSlackIds() {
        assertThat(server.baseUrl()).isEqualTo(URI.create(server.siteUrl() + "/scim/v2"));
        assertThat(server.scimBaseUrls()).containsExactly(server.baseUrl(), URI.create(server.siteUrl() + "/scim/v1"));
        assertThat(server.directory().ids()).allMatch(id -> id.matches("U[A-Z0-9]{10}"));
        assertThat(server.directory().all()).allSatisfy(user -> {
            assertThat(user.userType()).isNull();
            assertThat(user.entitlements()).isEmpty();
        });

        SandboxUser user = seededUser(0);
        assertThat(v1().get("/Users/" + user.id()).json().get("userName").stringValue()).isEqualTo(user.userName());
        assertThat(client.get("/Users/" + user.id()).status()).isEqualTo(200);
    }

    @Test
    void v2FiltersOnEmailsValueAndRejectsEmail() {
        String address = seededUser(4).emails().get(0);
        assertThat(client.idsMatching("emails.value eq \"" + address + "\"")).containsExactly(seededUser(4).id());
        assertThat(client.idsMatching("userName eq \"" + address + "\"")).as("a userName is a handle").isEmpty();
        assertThat(client.idsMatching("userName eq \"" + seededUser(4).userName().toUpperCase() + "\""))
                .containsExactly(seededUser(4).id());
        assertInvalidFilter(client.list("email eq \"" + address + "\"", null, null), "email");
    }

    @Test
    void v1FiltersOnEmailAndRejectsEmailsValue() {
        String address = seededUser(4).emails().get(0);
        assertThat(v1().idsMatching("email eq \"" + address + "\"")).containsExactly(seededUser(4).id());
        assertThat(v1().idsMatching("userName eq \"" + seededUser(4).userName() + "\"")).containsExactly(seededUser(4).id());
        assertV1Refused(v1().list("emails.value eq \"" + address + "\"", null, null), "emails.value");
        assertV1Refused(v1().list("userName eq \"x\" or EMAILS.VALUE eq \"" + address + "\"", null, null),
                "EMAILS.VALUE");
    }

    @Test
    void deleteDeactivatesAndKeepsTheUser() {
        SandboxUser user = server.directory().all().stream().filter(SandboxUser::active).findFirst().orElseThrow();

        assertThat(client.delete("/Users/" + user.id()).status()).isEqualTo(204);

        JsonNode after = client.get("/Users/" + user.id()).json();
        assertThat(after.get("active").booleanValue()).isFalse();
        assertThat(after.get("userName").stringValue()).isEqualTo(user.userName());
        assertThat(server.directory().find(user.id()).map(u -> u.withMeta(null, null))).contains(user.withActive(false).withMeta(null, null));
        assertThat(server.directory().size()).isEqualTo(30);
        assertThat(client.idsMatching("active eq false")).contains(user.id());

        assertThat(client.delete("/Users/" + user.id()).status()).as("already deactivated").isEqualTo(204);
        assertThat(v1().delete("/Users/" + user.id()).status()).isEqualTo(204);
        assertThat(client.delete("/Users/UNOSUCHUSER").status()).isEqualTo(404);
    }

    @Test
    void deletesBeyondTheDocumentedBurstAre429WithRetryAfter() {
        List<String> ids = server.directory().ids();
        for (int i = 0; i < 20; i++) {
            assertThat(client.delete("/Users/" + ids.get(i)).status()).as("DELETE " + (i + 1)).isEqualTo(204);
        }

        // A token refills every 333 ms; on a slow machine one may have come back while the burst was sent.
        int next = 20;
        ScimTestClient.Reply limited = v1().delete("/Users/" + ids.get(next));
        while (limited.status() == 204 && next < 23) {
            limited = v1().delete("/Users/" + ids.get(++next));
        }

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.json().get("Errors").get("code").intValue()).as("v1's error shape").isEqualTo(429);
        assertThat(server.directory().find(ids.get(next)).orElseThrow().active())
                .isEqualTo(seededUser(next).active());
        assertThat(client.get("/Users?count=1").status()).as("reads do not count").isEqualTo(200);
        assertThat(client.patch("/Users/" + ids.get(next), "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:"
                + "PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}").status())
                .as("PATCH does not count").isEqualTo(200);
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextToken() {
        restartWith(settings().withDeleteRateLimit(1, 1));
        assertThat(client.delete("/Users/" + seededUser(0).id()).status()).isEqualTo(204);

        assertThat(client.delete("/Users/" + seededUser(1).id()).header("Retry-After")).isEqualTo("60");
    }

    @Test
    void theBucketRefills() throws InterruptedException {
        restartWith(settings().withDeleteRateLimit(1200, 1));
        assertThat(client.delete("/Users/" + seededUser(0).id()).status()).isEqualTo(204);
        assertThat(client.delete("/Users/" + seededUser(1).id()).status()).isEqualTo(429);

        Thread.sleep(80);

        assertThat(client.delete("/Users/" + seededUser(1).id()).status()).isEqualTo(204);
    }

    @Test
    void theLimitCanBeTurnedOff() {
        restartWith(settings().withUsers(60).withDeleteRateLimit(0, 0));
        for (String id : server.directory().ids()) {
            assertThat(client.delete("/Users/" + id).status()).isEqualTo(204);
        }
        assertThat(server.directory().deactivated()).hasSize(60);
    }

    @Test
    void genericFaultsKeepWorking() {
        SandboxUser victim = seededUser(2);
        server.faults().failUser(victim.userName(), 500, "internal_error");
        ScimTestClient.Reply scripted = client.delete("/Users/" + victim.id());
        assertThat(scripted.status()).isEqualTo(500);
        assertThat(scripted.json().get("detail").stringValue()).isEqualTo("internal_error");

        server.faults().rateLimit(1, 9);
        assertThat(client.get("/Users?count=1").status()).isEqualTo(200);
        assertThat(client.get("/Users?count=1").header("Retry-After")).isEqualTo("9");
    }
}
