package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StackOverflowPersonalityHttpTest extends SandboxServerTestBase {

    @Override
    protected SandboxSettings settings() {
        return SandboxSettings.defaults().withUsers(50).withPersonality(SandboxPersonality.STACKOVERFLOW);
    }

    private static String setRole(String role) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"userType\",\"value\":\"" + role + "\"}]}";
    }

    private SandboxUser user(int number) {
        return seededUser(number - 1);
    }

    private static String errorMessage(ScimTestClient.Reply reply) {
        JsonNode body = reply.json();
        assertThat(body.has("schemas")).as("a Stack Overflow error, not a SCIM one: " + reply).isFalse();
        return body.get("ErrorMessage").stringValue();
    }

    @Test
    void servesTheEnterpriseAndBusinessLayoutsOverOneDirectory() {
        URI site = server.siteUrl();
        assertThat(server.baseUrl()).isEqualTo(URI.create(site + "/api/scim/v2"));
        assertThat(server.scimBaseUrls()).containsExactly(server.baseUrl(), URI.create(site + "/auth/scim/v2"));
        ScimTestClient business = new ScimTestClient(URI.create(site + "/auth/scim/v2"), settings().token());

        SandboxUser registered = user(1);
        assertThat(client.get("/users/" + registered.id()).status()).isEqualTo(200);
        assertThat(business.get("/Users/" + registered.id()).status()).isEqualTo(200);
        assertThat(client.get("/users?count=100").json().get("totalResults").intValue()).isEqualTo(50);
        assertThat(business.delete("/users/" + registered.id()).status()).isEqualTo(204);
        assertThat(client.get("/Users/" + registered.id()).status()).isEqualTo(404);

        assertThat(client.get("/USERS").status()).isEqualTo(404);
        assertThat(new ScimTestClient(site, settings().token()).get("/scim/v2/Users").status()).isEqualTo(404);
    }

    @Test
    void seedsNumericAccountIdsAndEveryTenthModeratorAndTwentyFifthAdmin() {
        List<SandboxUser> users = server.directory().all();
        assertThat(users).extracting(SandboxUser::id).allMatch(id -> id.matches("[1-9][0-9]{6}"));
        assertThat(users).filteredOn(user -> "Moderator".equals(user.userType())).extracting(SandboxUser::userName)
                .containsExactly("user00010@example.test", "user00020@example.test", "user00030@example.test",
                        "user00040@example.test");
        assertThat(users).filteredOn(user -> "Admin".equals(user.userType())).extracting(SandboxUser::userName)
                .containsExactly("user00025@example.test", "user00050@example.test");
        assertThat(users).filteredOn(user -> user.userType() == null).as("Registered users carry no userType").hasSize(44);
        assertThat(client.get("/users/" + user(1).id()).json().has("userType")).isFalse();
        assertThat(client.get("/users/" + user(10).id()).json().get("userType").stringValue()).isEqualTo("Moderator");
    }

    @Test
    void aModeratorMustBeDemotedBeforeDeletion() {
        SandboxUser moderator = user(10);

        ScimTestClient.Reply refused = client.delete("/users/" + moderator.id());
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.header("Content-Type")).isEqualTo("application/json");
        assertThat(errorMessage(refused)).contains("Adjust role to User");
        assertThat(server.directory().contains(moderator.id())).isTrue();

        ScimTestClient.Reply demoted = client.patch("/users/" + moderator.id(), setRole("Registered"));
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.json().has("userType")).as("a Registered user is answered without userType").isFalse();

        assertThat(client.delete("/users/" + moderator.id()).status()).isEqualTo(204);
        assertThat(server.directory().contains(moderator.id())).isFalse();
    }

    @Test
    void anAdminIsRefusedToo() {
        ScimTestClient.Reply refused = client.delete("/users/" + user(25).id());
        assertThat(refused.status()).isEqualTo(500);
        assertThat(errorMessage(refused)).contains("Adjust role to User").contains("Admin");
    }

    @Test
    void withRoleChangesDisallowedAPatchAnswers200AndChangesNothing() {
        server.faults().roleChangesAllowed(false);
        SandboxUser admin = user(25);

        ScimTestClient.Reply reply = client.patch("/users/" + admin.id(), setRole("Registered"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("userType").stringValue()).isEqualTo("Admin");
        assertThat(server.directory().find(admin.id()).orElseThrow().userType()).isEqualTo("Admin");
        assertThat(client.delete("/users/" + admin.id()).status()).isEqualTo(500);

        server.faults().roleChangesAllowed(true);
        assertThat(client.patch("/users/" + admin.id(), setRole("Registered")).json().has("userType")).isFalse();
    }

    @Test
    void theRoleKnobLeavesTheRestOfAPatchAlone() {
        server.faults().roleChangesAllowed(false);
        SandboxUser moderator = user(20);
        String roleAndActive = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                + "{\"op\":\"replace\",\"path\":\"userType\",\"value\":\"Registered\"},"
                + "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";

        JsonNode patched = client.patch("/users/" + moderator.id(), roleAndActive).json();

        assertThat(patched.get("active").booleanValue()).isFalse();
        assertThat(patched.get("userType").stringValue()).isEqualTo("Moderator");
    }

    @Test
    void anUnknownRoleIsIgnoredWith200AndPromotionWorksWhenAllowed() {
        SandboxUser registered = user(1);

        ScimTestClient.Reply unknown = client.patch("/users/" + registered.id(), setRole("SuperUser"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().has("userType")).isFalse();

        ScimTestClient.Reply promoted = client.patch("/users/" + registered.id(), setRole("Moderator"));
        assertThat(promoted.json().get("userType").stringValue()).isEqualTo("Moderator");
        assertThat(client.delete("/users/" + registered.id()).status()).isEqualTo(500);
    }

    @Test
    void aCommunityCreatorCannotBeDeleted() {
        SandboxUser creator = user(3);
        server.faults().markCommunityCreator(creator.userName().toUpperCase());

        ScimTestClient.Reply refused = client.delete("/users/" + creator.id());

        assertThat(refused.status()).isEqualTo(500);
        assertThat(errorMessage(refused)).contains("FK_CommunityMemberships_CreationUser");
        assertThat(server.directory().contains(creator.id())).isTrue();
        assertThat(client.delete("/users/" + user(4).id()).status()).isEqualTo(204);

        server.faults().reset();
        assertThat(client.delete("/users/" + creator.id()).status()).isEqualTo(204);
    }

    @Test
    void aSystemAccountIsRefusedWith400AndTheServicesOwnWords() {
        SandboxUser system = user(5);
        server.faults().markSystemAccount(system.id());

        ScimTestClient.Reply refused = client.delete("/users/" + system.id());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(errorMessage(refused)).isEqualTo("You cannot delete or destroy System Accounts.");
        assertThat(server.directory().contains(system.id())).isTrue();
        server.faults().reset();
        assertThat(client.delete("/users/" + system.id()).status()).isEqualTo(204);
    }

    @Test
    void withDeletionNotEnabledEveryDeleteIs404() {
        server.faults().deletionEnabled(false);

        for (SandboxUser user : List.of(user(1), user(10), user(2))) {
            ScimTestClient.Reply reply = client.delete("/users/" + user.id());
            assertThat(reply.status()).isEqualTo(404);
            assertThat(errorMessage(reply)).contains("not enabled");
        }
        assertThat(server.directory().size()).isEqualTo(50);

        server.faults().deletionEnabled(true);
        assertThat(client.delete("/users/" + user(1).id()).status()).isEqualTo(204);
    }

    @Test
    void deleteAndPatchErrorsCarryAnErrorMessageOtherErrorsStaySCIM() {
        ScimTestClient.Reply unknownDelete = client.delete("/users/4242");
        assertThat(unknownDelete.status()).isEqualTo(404);
        assertThat(errorMessage(unknownDelete)).isEqualTo("User 4242 not found");

        ScimTestClient.Reply badPatch = client.patch("/users/" + user(1).id(), "{\"Operations\":[]}");
        assertThat(badPatch.status()).isEqualTo(400);
        assertThat(errorMessage(badPatch)).contains("schemas");

        ScimTestClient.Reply unknownGet = client.get("/users/4242");
        assertThat(unknownGet.status()).isEqualTo(404);
        assertThat(unknownGet.json().get("schemas").get(0).stringValue())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(ScimTestClient.withAuthorizationHeader(server.baseUrl(), null).delete("/users/4242").json()
                .get("status").stringValue()).isEqualTo("401");
    }

    @Test
    void genericFaultsKeepWorkingInStackOverflowsFormat() {
        SandboxUser victim = user(2);
        server.faults().failUser(victim.id(), 500, "backend exploded");
        ScimTestClient.Reply scripted = client.delete("/users/" + victim.id());
        assertThat(scripted.status()).isEqualTo(500);
        assertThat(errorMessage(scripted)).isEqualTo("backend exploded");

        server.faults().forceStatus(503);
        assertThat(client.get("/users").status()).isEqualTo(503);
        server.faults().reset();
        assertThat(client.delete("/users/" + victim.id()).status()).isEqualTo(204);
        assertThat(server.requests().lines()).contains("DELETE /api/scim/v2/users/" + victim.id());
    }
}
