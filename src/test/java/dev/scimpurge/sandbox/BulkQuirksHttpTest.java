package dev.scimpurge.sandbox;

import static dev.scimpurge.sandbox.BulkBodies.bulkRequest;
import static dev.scimpurge.sandbox.BulkBodies.deactivate;
import static dev.scimpurge.sandbox.BulkBodies.delete;
import static dev.scimpurge.sandbox.BulkBodies.deleteWithoutBulkId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The ways real servers' Bulk goes wrong, over real HTTP: whole requests that answer 500, answers that do not say which
 * operation they are about, and SCIM 1.1 statuses. With each knob off, the answer is RFC 7644 §3.7's.
 */
class BulkQuirksHttpTest extends SandboxServerTestBase {

    @Override
    protected SandboxSettings settings() {
        return SandboxSettings.defaults().withUsers(25).withBulk(10, 10_000);
    }

    private SandboxFaults faults() {
        return server.faults();
    }

    private ScimTestClient.Reply post(String body) {
        return client.send("POST", "/Bulk", body);
    }

    private static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }

    private void assertWholeRequestFailedAndChangedNothing(ScimTestClient.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(reply.json().get("schemas").get(0).stringValue()).isEqualTo(ScimJson.ERROR_SCHEMA);
        assertThat(reply.json().get("status").stringValue()).isEqualTo("500");
        assertThat(reply.json().has("Operations")).isFalse();
        assertThat(server.directory().size()).isEqualTo(25);
        assertThat(server.directory().deactivated()).hasSize(5);
    }

    @Test
    void aDeleteCarryingABulkIdFailsTheWholeRequestEveryTimeWhileOneWithoutWorks() {
        faults().failWholeBulk(WholeBulkFailure.DELETE_WITH_BULK_ID);
        SandboxUser user = seededUser(0);

        assertWholeRequestFailedAndChangedNothing(post(bulkRequest(delete(user.id(), "a"), deleteWithoutBulkId(seededUser(1).id()))));
        assertWholeRequestFailedAndChangedNothing(post(bulkRequest(delete(user.id(), "a"))));
        assertThat(server.requests().bulkRequests()).extracting(RecordedBulk::status).containsExactly(500, 500);

        ScimTestClient.Reply withoutBulkId = post(bulkRequest(deleteWithoutBulkId(user.id())));
        assertThat(withoutBulkId.status()).isEqualTo(200);
        assertThat(withoutBulkId.json().get("Operations").get(0).get("status").stringValue()).isEqualTo("204");
        assertThat(server.directory().contains(user.id())).isFalse();

        faults().clearWholeBulkFailures();
        ScimTestClient.Reply rfc = post(bulkRequest(delete(seededUser(2).id(), "b")));
        assertThat(rfc.status()).isEqualTo(200);
        assertThat(rfc.json().get("Operations").get(0).get("bulkId").stringValue()).isEqualTo("b");
    }

    @Test
    void aPatchInsideBulkFailsTheWholeRequest() {
        faults().failWholeBulk(WholeBulkFailure.PATCH_OPERATION);

        assertWholeRequestFailedAndChangedNothing(post(bulkRequest(delete(seededUser(0).id(), "a"),
                deactivate(seededUser(1).id(), "b"))));
        assertThat(post(bulkRequest(delete(seededUser(0).id(), "a"))).status()).as("DELETEs alone still work").isEqualTo(200);
        assertThat(client.patch("/Users/" + encoded(seededUser(1).id()), "{\"schemas\":[\"" + ScimJson.PATCH_OP_SCHEMA
                + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}").status())
                .as("a PATCH outside Bulk still works").isEqualTo(200);

        faults().reset();
        assertThat(post(bulkRequest(deactivate(seededUser(2).id(), "c"))).json().get("Operations").get(0).get("status")
                .stringValue()).isEqualTo("200");
    }

    @Test
    void everyBulkRequestCanFailWhole() {
        faults().failWholeBulk(WholeBulkFailure.EVERY_REQUEST);

        assertWholeRequestFailedAndChangedNothing(post(bulkRequest(deleteWithoutBulkId(seededUser(0).id()))));
        assertThat(client.delete("/Users/" + encoded(seededUser(0).id())).status()).as("plain DELETE works").isEqualTo(204);
    }

    @Test
    void answersCanLeaveOutBulkIdAndLocation() {
        faults().bulkResultIdentifiers(BulkResultIdentifiers.NONE);
        SandboxUser removed = seededUser(0);

        JsonNode operations = post(bulkRequest(delete(removed.id(), "a"), delete("nobody", "b"))).json().get("Operations");

        assertThat(fieldNames(operations.get(0))).containsExactly("method", "status");
        assertThat(fieldNames(operations.get(1))).containsExactly("method", "status", "response");
        assertThat(operations.get(1).get("status").stringValue()).isEqualTo("404");
        assertThat(server.directory().contains(removed.id())).isFalse();
    }

    @Test
    void answersCanCarryOnlyTheLocationOrOnlyTheBulkId() {
        SandboxUser first = seededUser(0);
        faults().bulkResultIdentifiers(BulkResultIdentifiers.LOCATION_ONLY);
        JsonNode byLocation = post(bulkRequest(delete(first.id(), "a"))).json().get("Operations").get(0);
        assertThat(fieldNames(byLocation)).containsExactly("method", "location", "status");
        assertThat(byLocation.get("location").stringValue()).isEqualTo(server.baseUrl() + "/Users/" + encoded(first.id()));

        faults().bulkResultIdentifiers(BulkResultIdentifiers.BULK_ID_ONLY);
        JsonNode byBulkId = post(bulkRequest(delete(seededUser(1).id(), "b"))).json().get("Operations").get(0);
        assertThat(fieldNames(byBulkId)).containsExactly("method", "bulkId", "status");

        faults().bulkResultIdentifiers(BulkResultIdentifiers.BULK_ID_AND_LOCATION);
        JsonNode rfc = post(bulkRequest(delete(seededUser(2).id(), "c"), deleteWithoutBulkId(seededUser(3).id())))
                .json().get("Operations");
        assertThat(fieldNames(rfc.get(0))).containsExactly("method", "bulkId", "location", "status");
        assertThat(fieldNames(rfc.get(1))).as("no bulkId sent, none echoed").containsExactly("method", "location", "status");
    }

    @Test
    void statusesCanComeInTheScim11FormOrAsBareNumbers() {
        faults().bulkStatusForm(BulkStatusForm.SCIM_1_1_OBJECT);
        JsonNode scim11 = post(bulkRequest(delete(seededUser(0).id(), "a"), delete("nobody", "b"))).json().get("Operations");
        assertThat(scim11.get(0).get("status").isObject()).isTrue();
        assertThat(scim11.get(0).get("status").get("code").stringValue()).isEqualTo("204");
        assertThat(scim11.get(1).get("status").get("code").stringValue()).isEqualTo("404");

        faults().bulkStatusForm(BulkStatusForm.NUMBER);
        JsonNode number = post(bulkRequest(delete(seededUser(1).id(), "c"))).json().get("Operations").get(0);
        assertThat(number.get("status").isIntegralNumber()).isTrue();
        assertThat(number.get("status").intValue()).isEqualTo(204);

        faults().reset();
        JsonNode rfc = post(bulkRequest(delete(seededUser(2).id(), "d"))).json().get("Operations").get(0);
        assertThat(rfc.get("status").isString()).isTrue();
        assertThat(rfc.get("status").stringValue()).isEqualTo("204");
        assertThat(server.directory().size()).isEqualTo(22);
    }
}
