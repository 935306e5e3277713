package dev.scimpurge.sandbox;

import static dev.scimpurge.sandbox.BulkBodies.bulkRequest;
import static dev.scimpurge.sandbox.BulkBodies.deactivate;
import static dev.scimpurge.sandbox.BulkBodies.delete;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** {@code POST {base}/Bulk} over real HTTP: operations, per-operation faults, the limits, and a base without Bulk. */
class BulkHttpTest extends SandboxServerTestBase {

    private static final int MAX_OPERATIONS = 5;
    private static final int MAX_PAYLOAD = 2_000;

    @Override
    protected SandboxSettings settings() {
        return SandboxSettings.defaults().withUsers(25).withBulk(MAX_OPERATIONS, MAX_PAYLOAD);
    }

    private ScimTestClient.Reply post(String body) {
        return client.send("POST", "/Bulk", body);
    }

    @Test
    void deletesAndPatchesEachAnsweredUnderItsBulkId() {
        SandboxUser removed = seededUser(0);
        SandboxUser patched = seededUser(1);

        ScimTestClient.Reply reply = post(bulkRequest(delete(removed.id(), "a"), deactivate(patched.id(), "b"), delete("nobody", "c")));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode operations = reply.json().get("Operations");
        assertThat(reply.json().get("schemas").get(0).stringValue()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse");
        assertThat(operations.valueStream().map(op -> op.get("bulkId").stringValue() + "=" + op.get("status").stringValue()))
                .containsExactly("a=204", "b=200", "c=404");
        assertThat(operations.get(0).get("location").stringValue()).isEqualTo(server.baseUrl() + "/Users/" + encoded(removed.id()));
        assertThat(operations.get(2).get("response").get("detail").stringValue()).contains("nobody");
        assertThat(server.directory().contains(removed.id())).isFalse();
        assertThat(server.directory().find(patched.id()).orElseThrow().active()).isFalse();
        assertThat(server.requests().bulkRequests()).singleElement().satisfies(bulk -> {
            assertThat(bulk.operations()).containsExactly("DELETE /Users/" + encoded(removed.id()),
                    "PATCH /Users/" + encoded(patched.id()), "DELETE /Users/nobody");
            assertThat(bulk.status()).isEqualTo(200);
        });
        assertThat(server.requests().lines()).containsExactly("POST /scim/v2/Bulk");
    }

    @Test
    void aScriptedFailureAnswersInItsOperationOnly() {
        SandboxUser failing = seededUser(0);
        SandboxUser other = seededUser(1);
        server.faults().failUser(failing.emails().get(0), 503, "try later");

        JsonNode operations = post(bulkRequest(delete(failing.id(), "x"), delete(other.id(), "y"))).json().get("Operations");

        assertThat(operations.get(0).get("status").stringValue()).isEqualTo("503");
        assertThat(operations.get(0).get("response").get("detail").stringValue()).isEqualTo("try later");
        assertThat(operations.get(1).get("status").stringValue()).isEqualTo("204");
        assertThat(server.directory().contains(failing.id())).isTrue();
        assertThat(server.directory().contains(other.id())).isFalse();
    }

    @Test
    void anOmittedOperationIsCarriedOutButLeftOutOfTheResponse() {
        SandboxUser omitted = seededUser(0);
        server.faults().omitFromBulkResponse(omitted.id());

        JsonNode operations = post(bulkRequest(delete(omitted.id(), "x"), delete(seededUser(1).id(), "y"))).json().get("Operations");

        assertThat(operations.valueStream().map(op -> op.get("bulkId").stringValue())).containsExactly("y");
        assertThat(server.directory().contains(omitted.id())).isFalse();
    }

    @Test
    void moreOperationsThanMaxOperationsAnswer413AndChangeNothing() {
        String[] operations = IntStream.range(0, MAX_OPERATIONS + 1).mapToObj(i -> delete(seededUser(i).id(), "op" + i))
                .toArray(String[]::new);

        ScimTestClient.Reply reply = post(bulkRequest(operations));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
        assertThat(reply.json().get("scimType").stringValue()).isEqualTo("tooMany");
        assertThat(server.directory().size()).isEqualTo(25);
        assertThat(server.requests().bulkRequests()).singleElement().satisfies(bulk -> {
            assertThat(bulk.status()).isEqualTo(413);
            assertThat(bulk.operations()).hasSize(MAX_OPERATIONS + 1);
        });
    }

    @Test
    void aLowerEnforcedLimitAnswers413BelowTheAdvertisedOne() {
        server.faults().enforceBulkMaxOperations(1);

        ScimTestClient.Reply reply = post(bulkRequest(delete(seededUser(0).id(), "a"), delete(seededUser(1).id(), "b")));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
        assertThat(client.get("/ServiceProviderConfig").json().get("bulk").get("maxOperations").intValue()).isEqualTo(MAX_OPERATIONS);
    }

    @Test
    void aBodyOverMaxPayloadSizeAnswers413AndChangesNothing() {
        String padding = "x".repeat(MAX_PAYLOAD);
        String body = bulkRequest(delete(seededUser(0).id(), padding));

        ScimTestClient.Reply reply = post(body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
        assertThat(reply.json().get("detail").stringValue()).contains("maxPayloadSize (" + MAX_PAYLOAD + ")");
        assertThat(server.directory().size()).isEqualTo(25);
        assertThat(server.requests().bulkRequests()).singleElement()
                .satisfies(bulk -> assertThat(bulk.payloadBytes()).isEqualTo(body.length()));
    }

    @Test
    void failOnErrorsStopsAfterThatManyFailedOperations() {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"failOnErrors\":1,\"Operations\":["
                + String.join(",", delete("nobody", "a"), delete(seededUser(0).id(), "b")) + "]}";

        JsonNode operations = post(body).json().get("Operations");

        assertThat(operations.valueStream().map(op -> op.get("bulkId").stringValue())).containsExactly("a");
        assertThat(server.directory().contains(seededUser(0).id())).isTrue();
    }

    @Test
    void operationsOtherThanDeleteOrPatchOfAUserFailOneByOne() {
        String body = bulkRequest("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"p\",\"data\":{}}",
                "{\"method\":\"GET\",\"path\":\"/Users/" + encoded(seededUser(0).id()) + "\",\"bulkId\":\"g\"}",
                "{\"method\":\"PATCH\",\"path\":\"/Users/" + encoded(seededUser(0).id()) + "\",\"bulkId\":\"n\"}");

        JsonNode operations = post(body).json().get("Operations");

        assertThat(operations.valueStream().map(op -> op.get("bulkId").stringValue() + "=" + op.get("status").stringValue())
                .collect(Collectors.toList())).containsExactly("p=400", "g=405", "n=400");
        assertThat(server.directory().size()).isEqualTo(25);
    }

    @Test
    void aBodyThatIsNotABulkRequestIs400() {
        assertThat(post("{\"Operations\":[]}").status()).isEqualTo(400);
        assertThat(post("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]}").status()).isEqualTo(400);
        assertThat(post("not json").status()).isEqualTo(400);
        assertThat(client.get("/Bulk").status()).isEqualTo(405);
    }

    @Test
    void theRateLimitCountsABulkRequestOnce() {
        server.faults().rateLimit(1, 7);

        ScimTestClient.Reply first = post(bulkRequest(delete(seededUser(0).id(), "a"), delete(seededUser(1).id(), "b")));
        ScimTestClient.Reply second = post(bulkRequest(delete(seededUser(2).id(), "c")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.header("Retry-After")).isEqualTo("7");
        assertThat(server.directory().size()).isEqualTo(23);
    }

    @Test
    void aSandboxWithoutBulkAnswers501AndSaysSoInServiceProviderConfig() {
        try (SandboxScimServer plain = SandboxScimServer.start(SandboxSettings.defaults().withUsers(3), 0)) {
            ScimTestClient plainClient = new ScimTestClient(plain.baseUrl(), SandboxSettings.defaults().token());

            assertThat(plainClient.send("POST", "/Bulk", bulkRequest(delete(plain.directory().all().get(0).id(), "a"))).status())
                    .isEqualTo(501);
            assertThat(plainClient.get("/ServiceProviderConfig").json().get("bulk").get("supported").booleanValue()).isFalse();
            assertThat(plain.directory().size()).isEqualTo(3);
        }
        JsonNode bulk = client.get("/ServiceProviderConfig").json().get("bulk");
        assertThat(bulk.get("supported").booleanValue()).isTrue();
        assertThat(bulk.get("maxOperations").intValue()).isEqualTo(MAX_OPERATIONS);
        assertThat(bulk.get("maxPayloadSize").intValue()).isEqualTo(MAX_PAYLOAD);
    }

    @Test
    void onlyTheGenericPersonalityServesBulk() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SandboxSettings.defaults().withPersonality(SandboxPersonality.SLACK)
                .withBulk(5, 1000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generic");
        assertThat(List.of(BulkSupport.unsupported().supported())).containsExactly(false);
    }
}
