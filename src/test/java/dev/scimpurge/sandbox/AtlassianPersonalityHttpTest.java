package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AtlassianPersonalityHttpTest extends SandboxServerTestBase {

    private static final String ONLY_DELETE = "/admin/user-provisioning/v1/org/%s/user/%s/onlyDeleteUserInDB";

    @Override
    protected SandboxSettings settings() {
        return SandboxSettings.defaults().withUsers(10).withPersonality(SandboxPersonality.ATLASSIAN)
                .withAtlassianIds("d-3f6b", "o-91c2");
    }

    /** The admin API takes the organisation API key, not the directory's. */
    private ScimTestClient admin() {
        return new ScimTestClient(server.siteUrl(), settings().atlassianIds().orgApiKey());
    }

    private static String aaid(SandboxUser user) {
        return AtlassianIds.accountIdOf(user.id());
    }

    private static String errorDetail(ScimTestClient.Reply reply) {
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        JsonNode error = reply.json().get("errors").get(0);
        assertThat(error.get("status").stringValue()).isEqualTo(Integer.toString(reply.status()));
        return error.get("detail").stringValue();
    }

    @Test
    void theDirectoryLivesUnderItsIdAndTheDefaultsAreSandboxIds() {
        assertThat(server.baseUrl()).isEqualTo(URI.create(server.siteUrl() + "/scim/directory/d-3f6b"));
        assertThat(server.scimBaseUrls()).containsExactly(server.baseUrl());
        assertThat(client.get("/Users").json().get("totalResults").intValue()).isEqualTo(10);
        assertThat(admin().get("/scim/directory/other/Users").status()).isEqualTo(404);

        SandboxSettings defaults = SandboxSettings.defaults().withPersonality(SandboxPersonality.ATLASSIAN);
        assertThat(defaults.atlassianIds()).isEqualTo(new AtlassianIds("sandbox-directory", "sandbox-org"));
        try (SandboxScimServer other = SandboxScimServer.start(defaults.withUsers(1), 0)) {
            assertThat(other.baseUrl().getPath()).isEqualTo("/scim/directory/sandbox-directory");
        }
    }

    @Test
    void usersHaveAScimIdAndADifferentAtlassianAccountIdAndAnExternalId() {
        assertThat(server.directory().ids()).allMatch(id -> id.matches("[0-9a-f-]{36}"));
        assertThat(server.directory().ids()).extracting(AtlassianIds::accountIdOf)
                .allMatch(aaid -> aaid.matches("[0-9a-f]{24}|712020:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .anyMatch(aaid -> aaid.startsWith("712020:")).anyMatch(aaid -> !aaid.contains(":"))
                .doesNotContainAnyElementsOf(server.directory().ids());
        assertThat(server.directory().all()).allSatisfy(user -> {
            assertThat(user.externalId()).matches("[0-9a-f-]{36}");
            assertThat(user.userType()).isNull();
            assertThat(user.entitlements()).isEmpty();
        });
        JsonNode rendered = client.get("/Users/" + seededUser(1).id()).json();
        assertThat(rendered.get("externalId").stringValue()).isEqualTo(seededUser(1).externalId());
        assertThat(rendered.get(AtlassianIds.EXTERNAL_SCHEMA).get("atlassianAccountId").stringValue())
                .isEqualTo(AtlassianIds.accountIdOf(seededUser(1).id()));
        assertThat(rendered.get("schemas").toString()).contains(AtlassianIds.EXTERNAL_SCHEMA);
    }

    @Test
    void filtersOnlyOnUserNameAndExternalId() {
        SandboxUser user = seededUser(3);
        assertThat(client.idsMatching("userName eq \"" + user.userName() + "\"")).containsExactly(user.id());
        assertThat(client.idsMatching("externalId eq \"" + user.externalId() + "\"")).containsExactly(user.id());

        for (String filter : new String[] {"emails.value eq \"" + user.userName() + "\"", "active eq false",
                "userName eq \"x\" or emails eq \"" + user.userName() + "\""}) {
            ScimTestClient.Reply reply = client.list(filter, null, null);
            assertThat(reply.status()).as(filter).isEqualTo(400);
            assertThat(reply.json().get("scimType").stringValue()).isEqualTo("invalidFilter");
            assertThat(reply.json().get("detail").stringValue()).contains("userName", "externalId");
        }
    }

    @Test
    void scimDeleteRemovesTheUser() {
        SandboxUser user = seededUser(1);
        assertThat(client.delete("/Users/" + encoded(user.id())).status()).isEqualTo(204);
        assertThat(server.directory().contains(user.id())).isFalse();
        assertThat(client.delete("/Users/" + encoded(user.id())).status()).isEqualTo(404);
    }

    @Test
    void onlyDeleteUserInDbRemovesTheUserFromTheDirectory() {
        SandboxUser legacy = server.directory().all().stream().filter(u -> !aaid(u).contains(":")).findFirst().orElseThrow();
        SandboxUser modern = server.directory().all().stream().filter(u -> aaid(u).startsWith("712020:")).findFirst().orElseThrow();

        assertThat(admin().delete(ONLY_DELETE.formatted("o-91c2", legacy.id())).status())
                .as("a SCIM id is not an account id").isEqualTo(404);
        assertThat(admin().delete(ONLY_DELETE.formatted("o-91c2", aaid(legacy))).status()).isEqualTo(204);
        assertThat(admin().delete(ONLY_DELETE.formatted("o-91c2", encoded(aaid(modern)))).status()).isEqualTo(204);

        assertThat(server.directory().contains(legacy.id())).isFalse();
        assertThat(server.directory().contains(modern.id())).isFalse();
        assertThat(client.get("/Users/" + legacy.id()).status()).isEqualTo(404);
        assertThat(server.requests().lines()).contains(
                "DELETE " + ONLY_DELETE.formatted("o-91c2", aaid(legacy)),
                "DELETE " + ONLY_DELETE.formatted("o-91c2", "712020%3A" + aaid(modern).substring(7)));
    }

    @Test
    void onlyDeleteUserInDbAnswers404ForAnUnknownUserOrOrganization() {
        ScimTestClient.Reply unknownUser = admin().delete(ONLY_DELETE.formatted("o-91c2", "5b10ac8d82e05b22cc7d4ef5"));
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(errorDetail(unknownUser)).contains("5b10ac8d82e05b22cc7d4ef5");

        ScimTestClient.Reply wrongOrg = admin().delete(ONLY_DELETE.formatted("sandbox-org", aaid(seededUser(0))));
        assertThat(wrongOrg.status()).isEqualTo(404);
        assertThat(errorDetail(wrongOrg)).contains("sandbox-org");
        assertThat(server.directory().size()).isEqualTo(10);

        assertThat(admin().delete("/admin/user-provisioning/v1/org/o-91c2/user/" + aaid(seededUser(0))).status())
                .isEqualTo(404);
    }

    @Test
    void onlyDeleteUserInDbNeedsTheTokenAndDelete() {
        String path = ONLY_DELETE.formatted("o-91c2", aaid(seededUser(0)));
        ScimTestClient.Reply anonymous = ScimTestClient.withAuthorizationHeader(server.siteUrl(), null).delete(path);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(errorDetail(anonymous)).isNotBlank();

        ScimTestClient.Reply directoryKey = new ScimTestClient(server.siteUrl(), settings().token()).delete(path);
        assertThat(directoryKey.status()).as("the directory API key does not open the admin API").isEqualTo(401);
        assertThat(new ScimTestClient(server.siteUrl(), settings().atlassianIds().orgApiKey()).get("/scim/directory/d-3f6b/Users")
                .status()).as("nor the organisation key the directory").isEqualTo(401);

        ScimTestClient.Reply get = admin().get(path);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("DELETE");
        assertThat(server.directory().size()).isEqualTo(10);
    }

    @Test
    void faultsReachTheAdminApiToo() {
        SandboxUser user = seededUser(2);
        server.faults().failUser(user.userName(), 403, "not a managed account");
        ScimTestClient.Reply scripted = admin().delete(ONLY_DELETE.formatted("o-91c2", aaid(user)));
        assertThat(scripted.status()).isEqualTo(403);
        assertThat(errorDetail(scripted)).isEqualTo("not a managed account");

        server.faults().reset();
        server.faults().forceStatus(503);
        assertThat(admin().delete(ONLY_DELETE.formatted("o-91c2", aaid(user))).status()).isEqualTo(503);
        assertThat(server.directory().contains(user.id())).isTrue();
    }
}
