package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UserResourceHttpTest extends SandboxServerTestBase {

    private static final String PATCH_SCHEMA = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";

    private static String patchOp(String operations) {
        return "{" + PATCH_SCHEMA + ",\"Operations\":[" + operations + "]}";
    }

    @Test
    void getsAUserById() {
        SandboxUser user = seededUser(3);
        ScimTestClient.Reply reply = client.get("/Users/" + user.id());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/scim+json");
        assertThat(reply.json().get("id").stringValue()).isEqualTo(user.id());
        assertThat(reply.json().get("userName").stringValue()).isEqualTo(user.userName());
    }

    @Test
    void servesMetaCreatedAndLastModifiedAndAChangeMovesLastModified() throws Exception {
        SandboxUser user = seededUser(3);
        server.directory().age(user.id(), java.time.Duration.ofDays(40));
        JsonNode aged = client.get("/Users/" + user.id()).json().get("meta");
        java.time.Instant agedModified = java.time.Instant.parse(aged.get("lastModified").stringValue());
        assertThat(agedModified).isBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(39)));
        assertThat(java.time.Instant.parse(aged.get("created").stringValue())).isBeforeOrEqualTo(agedModified);

        ScimTestClient.Reply patched = client.patch("/Users/" + user.id(), patchOp("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));

        assertThat(patched.status()).isEqualTo(200);
        JsonNode meta = client.get("/Users/" + user.id()).json().get("meta");
        assertThat(java.time.Instant.parse(meta.get("lastModified").stringValue()))
                .isAfter(java.time.Instant.now().minus(java.time.Duration.ofMinutes(1)));
        assertThat(meta.get("created").stringValue()).as("created stays").isEqualTo(aged.get("created").stringValue());
    }

    @Test
    void omitLastModifiedServesUsersWithoutTheTimes() {
        SandboxUser user = seededUser(3);
        server.faults().omitLastModified(true);

        JsonNode meta = client.get("/Users/" + user.id()).json().get("meta");

        assertThat(meta.has("lastModified")).isFalse();
        assertThat(meta.has("created")).isFalse();
        assertThat(meta.get("location")).isNotNull();
        server.faults().reset();
        assertThat(client.get("/Users/" + user.id()).json().get("meta").has("lastModified")).isTrue();
    }

    @Test
    void unknownUserIsAScimNotFound() {
        ScimTestClient.Reply reply = client.get("/Users/nope");

        assertThat(reply.status()).isEqualTo(404);
        JsonNode error = reply.json();
        assertThat(error.get("schemas").get(0).stringValue()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.get("status").stringValue()).isEqualTo("404");
        assertThat(error.get("detail").stringValue()).isEqualTo("User nope not found");
    }

    @Test
    void notFoundDetailIsValidJsonWhateverTheId() {
        ScimTestClient.Reply reply = client.get("/Users/" + encoded("say \"hi\"\\ <x>"));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("User say \"hi\"\\ <x> not found");
    }

    @Test
    void idsWithEncodedSlashesQuestionMarksAndDotsAreOneSegment() {
        SandboxUser tricky = addUser("team/a?b#c/../d e+f", "tricky@example.test", true);
        String path = "/Users/" + encoded(tricky.id());
        assertThat(path).doesNotContain("?").doesNotContain("#").doesNotContain("/a");

        ScimTestClient.Reply reply = client.get(path);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("id").stringValue()).isEqualTo(tricky.id());
        assertThat(reply.json().get("meta").get("location").stringValue()).isEqualTo(server.baseUrl() + path);
        assertThat(client.delete(path).status()).isEqualTo(204);
        assertThat(server.directory().contains(tricky.id())).isFalse();
    }

    @Test
    void aLiteralPlusInThePathIsAPlusNotASpace() {
        SandboxUser plus = addUser("a+b", "plus@example.test", true);
        addUser("a b", "space@example.test", true);

        ScimTestClient.Reply reply = client.get("/Users/a+b");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("id").stringValue()).isEqualTo(plus.id());
    }

    @Test
    void deleteRemovesTheUserThenItIsGone() {
        SandboxUser user = seededUser(0);

        ScimTestClient.Reply deleted = client.delete("/Users/" + user.id());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(server.directory().contains(user.id())).isFalse();
        assertThat(server.directory().size()).isEqualTo(24);
        assertThat(client.get("/Users/" + user.id()).status()).isEqualTo(404);
        ScimTestClient.Reply again = client.delete("/Users/" + user.id());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("detail").stringValue()).isEqualTo("User " + user.id() + " not found");
    }

    @Test
    void patchDeactivates() {
        SandboxUser user = firstActive();

        ScimTestClient.Reply reply = client.patch("/Users/" + user.id(),
                patchOp("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("active").booleanValue()).isFalse();
        assertThat(reply.json().get("id").stringValue()).isEqualTo(user.id());
        assertThat(server.directory().find(user.id())).map(SandboxUser::active).contains(false);
    }

    @Test
    void patchOpNamesAndPathsIgnoreCase() {
        SandboxUser user = firstActive();
        ScimTestClient.Reply reply = client.patch("/Users/" + user.id(),
                patchOp("{\"op\":\"Replace\",\"path\":\"ACTIVE\",\"value\":false}"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(server.directory().find(user.id())).map(SandboxUser::active).contains(false);
    }

    @Test
    void patchChangesUserType() {
        SandboxUser user = seededUser(1);
        ScimTestClient.Reply reply = client.patch("/Users/" + user.id(),
                patchOp("{\"op\":\"replace\",\"path\":\"userType\",\"value\":\"Former\"}"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("userType").stringValue()).isEqualTo("Former");
        assertThat(server.directory().find(user.id())).map(SandboxUser::userType).contains("Former");
    }

    @Test
    void patchRemovesAllEntitlements() {
        SandboxUser user = seededUser(1);
        ScimTestClient.Reply reply = client.patch("/Users/" + user.id(),
                patchOp("{\"op\":\"remove\",\"path\":\"entitlements\"}"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("entitlements")).isFalse();
        assertThat(server.directory().find(user.id()).orElseThrow().entitlements()).isEmpty();
    }

    @Test
    void patchAddsAndRemovesListedEntitlements() {
        SandboxUser user = seededUser(1);
        assertThat(client.patch("/Users/" + user.id(), patchOp(
                "{\"op\":\"add\",\"path\":\"entitlements\",\"value\":[{\"value\":\"workspace-2\"}]}")).status())
                .isEqualTo(200);
        assertThat(server.directory().find(user.id()).orElseThrow().entitlements())
                .containsExactly("workspace-1", "workspace-2");
        assertThat(client.patch("/Users/" + user.id(), patchOp(
                "{\"op\":\"remove\",\"path\":\"entitlements\",\"value\":[{\"value\":\"workspace-1\"}]}")).status())
                .isEqualTo(200);
        assertThat(server.directory().find(user.id()).orElseThrow().entitlements()).containsExactly("workspace-2");
    }

    @Test
    void patchWithoutPathTakesAnObjectOfAttributes() {
        SandboxUser user = firstActive();
        ScimTestClient.Reply reply = client.patch("/Users/" + user.id(),
                patchOp("{\"op\":\"replace\",\"value\":{\"active\":false,\"userType\":\"Former\"}}"));
        assertThat(reply.status()).isEqualTo(200);
        SandboxUser stored = server.directory().find(user.id()).orElseThrow();
        assertThat(stored.active()).isFalse();
        assertThat(stored.userType()).isEqualTo("Former");
    }

    @Test
    void patchAppliesEveryOperationInOrder() {
        SandboxUser user = firstActive();
        ScimTestClient.Reply reply = client.patch("/Users/" + user.id(), patchOp(
                "{\"op\":\"replace\",\"path\":\"userType\",\"value\":\"Temp\"},"
                        + "{\"op\":\"replace\",\"path\":\"active\",\"value\":false},"
                        + "{\"op\":\"remove\",\"path\":\"entitlements\"},"
                        + "{\"op\":\"replace\",\"path\":\"userType\",\"value\":\"Former\"}"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(server.directory().find(user.id()).map(u -> u.withMeta(null, null))).as("meta aside").contains(
                new SandboxUser(user.id(), user.userName(), user.emails(), false, "Former", List.of()));
    }

    @Test
    void malformedPatchBodiesAreInvalidSyntax() {
        String path = "/Users/" + seededUser(0).id();
        for (String body : List.of(
                "{not json",
                "",
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}",
                patchOp(""),
                patchOp("{\"op\":\"frobnicate\",\"path\":\"active\",\"value\":false}"),
                patchOp("{\"op\":\"replace\",\"path\":\"active\"}"))) {
            ScimTestClient.Reply reply = client.patch(path, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().get("scimType").stringValue()).as(body).isEqualTo("invalidSyntax");
        }
    }

    @Test
    void unsupportedPathIsInvalidPathAndLeavesTheUserUntouched() {
        SandboxUser user = firstActive();
        ScimTestClient.Reply reply = client.patch("/Users/" + user.id(), patchOp(
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":false},"
                        + "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"X\"}"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("scimType").stringValue()).isEqualTo("invalidPath");
        assertThat(reply.json().get("detail").stringValue()).contains("name.givenName");
        assertThat(server.directory().find(user.id())).contains(user);
    }

    @Test
    void wrongValueTypeIsInvalidValue() {
        ScimTestClient.Reply reply = client.patch("/Users/" + seededUser(0).id(),
                patchOp("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"false\"}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("scimType").stringValue()).isEqualTo("invalidValue");
    }

    @Test
    void removeWithoutPathIsNoTarget() {
        ScimTestClient.Reply reply = client.patch("/Users/" + seededUser(0).id(), patchOp("{\"op\":\"remove\"}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("scimType").stringValue()).isEqualTo("noTarget");
    }

    @Test
    void patchOfAnUnknownUserIsNotFound() {
        ScimTestClient.Reply reply = client.patch("/Users/nope",
                patchOp("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("User nope not found");
    }

    @Test
    void otherMethodsOnAUserAreNotAllowed() {
        ScimTestClient.Reply reply = client.send("PUT", "/Users/" + seededUser(0).id(), "{}");
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET, PATCH, DELETE");
        assertThat(reply.json().get("status").stringValue()).isEqualTo("405");
    }

    private SandboxUser firstActive() {
        return server.directory().all().stream().filter(SandboxUser::active).findFirst().orElseThrow();
    }
}
