package dev.scimpurge.sandbox;

import static dev.scimpurge.sandbox.BulkBodies.bulkRequest;
import static dev.scimpurge.sandbox.BulkBodies.delete;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A ServiceProviderConfig that says one thing while the server does another, either way, over real HTTP. Without
 * the knobs it tells the truth about filtering, page size and Bulk.
 */
class ServiceProviderConfigQuirksHttpTest extends SandboxServerTestBase {

    private static final String FILTER = "userName eq \"user00003@example.test\"";

    private SandboxFaults faults() {
        return server.faults();
    }

    private JsonNode config() {
        return client.get("/ServiceProviderConfig").json();
    }

    private static JsonNode config(ScimTestClient someClient) {
        return someClient.get("/ServiceProviderConfig").json();
    }

    @Test
    void tellsTheTruthByDefault() {
        JsonNode config = config();
        assertThat(config.get("filter").get("supported").booleanValue()).isTrue();
        assertThat(config.get("filter").get("maxResults").intValue()).isEqualTo(1000);
        assertThat(config.get("bulk").get("supported").booleanValue()).isFalse();
        assertThat(client.idsMatching(FILTER)).hasSize(1);
    }

    @Test
    void canSayFilteringIsUnsupportedWhileFiltersWork() {
        faults().advertiseFilterSupported(false);

        assertThat(config().get("filter").get("supported").booleanValue()).isFalse();
        assertThat(client.idsMatching(FILTER)).containsExactly(seededUser(2).id());

        faults().advertiseTruthfully();
        assertThat(config().get("filter").get("supported").booleanValue()).isTrue();
    }

    @Test
    void canSayFilteringIsSupportedWhileEveryFilterAnswers400Or501() {
        faults().advertiseFilterSupported(true);
        faults().refuseFilters(FilterRefusal.INVALID_FILTER);
        assertThat(config().get("filter").get("supported").booleanValue()).isTrue();
        assertThat(client.list(FILTER, null, null).status()).isEqualTo(400);

        faults().refuseFilters(FilterRefusal.NOT_IMPLEMENTED);
        assertThat(config().get("filter").get("supported").booleanValue()).isTrue();
        assertThat(client.list(FILTER, null, null).status()).isEqualTo(501);

        faults().advertiseTruthfully();
        assertThat(config().get("filter").get("supported").booleanValue()).isFalse();
    }

    @Test
    void canAdvertiseAMaxResultsItDoesNotKeep() {
        faults().advertiseFilterMaxResults(10);

        assertThat(config().get("filter").get("maxResults").intValue()).isEqualTo(10);
        assertThat(client.list(null, 1, 25).resourceIds()).hasSize(25);

        faults().reset();
        assertThat(config().get("filter").get("maxResults").intValue()).isEqualTo(1000);
    }

    @Test
    void aPageSizeCapIsSilentUnlessAskedToShowInMaxResults() {
        faults().capPageSize(7);
        assertThat(config().get("filter").get("maxResults").intValue()).as("silent").isEqualTo(1000);
        assertThat(client.list(null, 1, 25).resourceIds()).hasSize(7);

        faults().capPageSize(7, CapDisclosure.ADVERTISED);
        assertThat(config().get("filter").get("maxResults").intValue()).isEqualTo(7);
        assertThat(client.list(null, 1, 25).resourceIds()).hasSize(7);

        faults().capPageSize(5_000, CapDisclosure.ADVERTISED);
        assertThat(config().get("filter").get("maxResults").intValue()).as("never above what is served").isEqualTo(1000);

        faults().capPageSize(7, CapDisclosure.ADVERTISED);
        faults().advertiseFilterMaxResults(300);
        assertThat(config().get("filter").get("maxResults").intValue()).as("a lie wins").isEqualTo(300);

        faults().capPageSize(0);
        faults().advertiseTruthfully();
        assertThat(config().get("filter").get("maxResults").intValue()).isEqualTo(1000);
        assertThat(client.list(null, 1, 25).resourceIds()).hasSize(25);
    }

    @Test
    void canOfferBulkThatIsNotServed() {
        faults().advertiseBulk(BulkSupport.supported(100, 1024));

        JsonNode bulk = config().get("bulk");
        assertThat(bulk.get("supported").booleanValue()).isTrue();
        assertThat(bulk.get("maxOperations").intValue()).isEqualTo(100);
        assertThat(bulk.get("maxPayloadSize").intValue()).isEqualTo(1024);
        assertThat(client.send("POST", "/Bulk", bulkRequest(delete(seededUser(0).id(), "a"))).status()).isEqualTo(501);
        assertThat(server.directory().size()).isEqualTo(25);
    }

    @Test
    void canOfferBulkThatAnswers500OrDenyBulkThatWorks() {
        try (SandboxScimServer bulkServer = SandboxScimServer.start(SandboxSettings.defaults().withUsers(5).withBulk(10, 10_000), 0)) {
            ScimTestClient bulkClient = new ScimTestClient(bulkServer.baseUrl(), SandboxSettings.defaults().token());
            String request = bulkRequest(delete(bulkServer.directory().all().get(0).id(), "a"));
            bulkServer.faults().advertiseBulk(BulkSupport.supported(100, 1024));
            bulkServer.faults().failWholeBulk(WholeBulkFailure.EVERY_REQUEST);

            assertThat(config(bulkClient).get("bulk").get("maxOperations").intValue()).isEqualTo(100);
            assertThat(bulkClient.send("POST", "/Bulk", request).status()).isEqualTo(500);

            bulkServer.faults().reset();
            bulkServer.faults().advertiseBulk(BulkSupport.unsupported());
            assertThat(config(bulkClient).get("bulk").get("supported").booleanValue()).isFalse();
            assertThat(bulkClient.send("POST", "/Bulk", request).status()).isEqualTo(200);
            assertThat(bulkServer.directory().size()).isEqualTo(4);

            bulkServer.faults().advertiseTruthfully();
            JsonNode truth = config(bulkClient).get("bulk");
            assertThat(truth.get("supported").booleanValue()).isTrue();
            assertThat(truth.get("maxOperations").intValue()).isEqualTo(10);
            assertThat(truth.get("maxPayloadSize").intValue()).isEqualTo(10_000);
        }
    }
}
