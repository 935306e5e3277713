package dev.scimpurge.sandbox;

import static dev.scimpurge.sandbox.BulkBodies.bulkRequest;
import static dev.scimpurge.sandbox.BulkBodies.delete;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A sandbox that misbehaves from its first request on, as {@code purge --sandbox} and the benchmark start one. */
class FaultPresetHttpTest extends SandboxServerTestBase {

    private static final String FILTER = "emails.value eq \"user00003@example.test\"";

    @Override
    protected SandboxSettings settings() {
        return SandboxSettings.defaults().withUsers(25).withBulk(10, 10_000).withFaults(faults -> {
            faults.bulkStatusForm(BulkStatusForm.SCIM_1_1_OBJECT);
            faults.filterAttributeMatchesNothing("emails.value");
            faults.advertiseFilterSupported(false);
        });
    }

    private void assertPresetInForce() {
        assertThat(client.get("/ServiceProviderConfig").json().get("filter").get("supported").booleanValue()).isFalse();
        assertThat(client.idsMatching(FILTER)).isEmpty();
    }

    @Test
    void theFirstRequestAlreadyMeetsThePresetKnobs() {
        assertThat(server.requests().total()).isZero();
        assertPresetInForce();
        JsonNode operation = client.send("POST", "/Bulk", bulkRequest(delete(seededUser(0).id(), "a"))).json()
                .get("Operations").get(0);
        assertThat(operation.get("status").get("code").stringValue()).isEqualTo("204");
    }

    @Test
    void resetGoesBackToThePresetNotToRfc() {
        server.faults().clearFilterAttributeFaults();
        server.faults().advertiseTruthfully();
        assertThat(client.idsMatching(FILTER)).hasSize(1);

        server.faults().reset();

        assertPresetInForce();
    }

    @Test
    void withoutAPresetTheServerStartsAsRfc7644Says() {
        try (SandboxScimServer plain = SandboxScimServer.start(SandboxSettings.defaults().withUsers(5), 0)) {
            ScimTestClient plainClient = new ScimTestClient(plain.baseUrl(), SandboxSettings.defaults().token());
            assertThat(plainClient.get("/ServiceProviderConfig").json().get("filter").get("supported").booleanValue()).isTrue();
            assertThat(plainClient.idsMatching("emails.value eq \"user00003@example.test\"")).hasSize(1);
        }
    }
}
