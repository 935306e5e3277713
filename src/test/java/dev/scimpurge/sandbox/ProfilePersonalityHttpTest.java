package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A service played from a {@link ServiceProfile}: each of its quirks over HTTP, with no class of its own. */
class ProfilePersonalityHttpTest {

    private static ServiceProfile service(ServiceProfile.DeleteAnswer delete, List<String> filters, int maxPageSize,
            ServiceProfile.IdForm ids, DeleteRateLimit limit) {
        return new ServiceProfile("acme", "/api/acme/scim", "Users", delete, filters, maxPageSize, ids, limit);
    }

    private static SandboxScimServer start(ServiceProfile service, int users) {
        return SandboxScimServer.start(SandboxSettings.defaults().withUsers(users).withProfile(service), 0);
    }

    private static final DeleteRateLimit NO_LIMIT = new DeleteRateLimit(0, 0);

    @Test
    void servesItsBaseFiltersOnlyOnItsDocumentedAttributesAndCapsPages() {
        try (SandboxScimServer server = start(service(ServiceProfile.DeleteAnswer.REMOVES, List.of("userName"), 7,
                ServiceProfile.IdForm.UUID, NO_LIMIT), 20)) {
            ScimTestClient client = new ScimTestClient(server.baseUrl(), "sandbox-token");
            SandboxUser user = server.directory().all().get(0);

            assertThat(server.baseUrl().toString()).endsWith("/api/acme/scim");
            assertThat(server.providerName()).isEqualTo("acme");
            assertThat(user.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(client.idsMatching("userName eq \"" + user.userName() + "\"")).containsExactly(user.id());
            ScimTestClient.Reply refused = client.list("emails.value eq \"" + user.userName() + "\"", null, null);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("invalidFilter", "acme filters on userName");
            assertThat(client.list("active eq false", null, null).status()).isEqualTo(400);
            assertThat(client.list(null, 1, 100).body()).contains("\"itemsPerPage\":7");
            assertThat(new ScimTestClient(server.baseUrl(), "wrong-token").get("/Users").status()).isEqualTo(401);
        }
    }

    @Test
    void deleteDoesWhatTheServiceDocuments() {
        try (SandboxScimServer removes = start(service(ServiceProfile.DeleteAnswer.REMOVES, List.of(), 100,
                ServiceProfile.IdForm.HEX, NO_LIMIT), 3);
             SandboxScimServer deactivates = start(service(ServiceProfile.DeleteAnswer.DEACTIVATES, List.of(), 100,
                     ServiceProfile.IdForm.SALESFORCE, NO_LIMIT), 3);
             SandboxScimServer unsupported = start(service(ServiceProfile.DeleteAnswer.UNSUPPORTED, List.of(), 100,
                     ServiceProfile.IdForm.HEX, NO_LIMIT), 3)) {
            String gone = removes.directory().all().get(0).id();
            assertThat(new ScimTestClient(removes.baseUrl(), "sandbox-token").delete("/Users/" + gone).status()).isEqualTo(204);
            assertThat(new ScimTestClient(removes.baseUrl(), "sandbox-token").get("/Users/" + gone).status()).isEqualTo(404);

            String kept = deactivates.directory().all().get(0).id();
            assertThat(kept).matches("005[A-Za-z0-9]{15}");
            assertThat(new ScimTestClient(deactivates.baseUrl(), "sandbox-token").delete("/Users/" + kept).status()).isEqualTo(204);
            assertThat(deactivates.directory().find(kept)).hasValueSatisfying(u -> assertThat(u.active()).isFalse());

            SandboxUser untouched = unsupported.directory().all().get(0);
            assertThat(new ScimTestClient(unsupported.baseUrl(), "sandbox-token").delete("/Users/" + untouched.id()).status())
                    .isEqualTo(501);
            assertThat(unsupported.directory().find(untouched.id())).hasValue(untouched);
        }
    }

    @Test
    void deletesOverTheServicesLimitAnswer429WithRetryAfter() {
        try (SandboxScimServer server = start(service(ServiceProfile.DeleteAnswer.REMOVES, List.of(), 100,
                ServiceProfile.IdForm.HEX, new DeleteRateLimit(40, 2)), 5)) {
            ScimTestClient client = new ScimTestClient(server.baseUrl(), "sandbox-token");
            List<SandboxUser> users = server.directory().all();

            assertThat(client.delete("/Users/" + users.get(0).id()).status()).isEqualTo(204);
            assertThat(client.delete("/Users/" + users.get(1).id()).status()).isEqualTo(204);
            ScimTestClient.Reply third = client.delete("/Users/" + users.get(2).id());

            assertThat(third.status()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            assertThat(server.directory().find(users.get(2).id())).isPresent();
        }
    }

    @Test
    void aProfileSandboxServesNoBulkAndNamesItselfInSettings() {
        ServiceProfile service = service(ServiceProfile.DeleteAnswer.REMOVES, List.of(), 100, ServiceProfile.IdForm.HEX, NO_LIMIT);
        SandboxSettings settings = SandboxSettings.defaults().withProfile(service);
        assertThat(settings.providerName()).isEqualTo("acme");
        assertThat(settings.toString()).contains("profile=acme").doesNotContain("sandbox-token");
        assertThat(settings.withPersonality(SandboxPersonality.SLACK).profile()).isNull();
        assertThatThrownBy(() -> settings.withBulk(10, 1000)).hasMessageContaining("only the generic sandbox serves SCIM Bulk, not acme");
        assertThatThrownBy(() -> new ServiceProfile("x", "no-slash", "Users", ServiceProfile.DeleteAnswer.REMOVES, List.of(), 10,
                ServiceProfile.IdForm.HEX, NO_LIMIT)).hasMessageContaining("must start");
    }
}
