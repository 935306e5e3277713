package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UserListingHttpTest extends SandboxServerTestBase {

    @Test
    void listsEveryUserInAListResponse() {
        ScimTestClient.Reply reply = client.get("/Users");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/scim+json");
        JsonNode body = reply.json();
        assertThat(body.get("schemas").get(0).stringValue())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(body.get("totalResults").intValue()).isEqualTo(25);
        assertThat(body.get("startIndex").intValue()).isEqualTo(1);
        assertThat(body.get("itemsPerPage").intValue()).isEqualTo(25);
        assertThat(reply.resourceIds()).isEqualTo(server.directory().ids());
    }

    @Test
    void rendersUsersAsScimCoreUsers() {
        SandboxUser user = seededUser(0);
        JsonNode json = client.list(null, 1, 1).json().get("Resources").get(0);

        assertThat(json.get("schemas").get(0).stringValue()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(json.get("id").stringValue()).isEqualTo(user.id());
        assertThat(json.get("userName").stringValue()).isEqualTo("user00001@example.test");
        assertThat(json.get("active").isBoolean()).isTrue();
        assertThat(json.get("active").booleanValue()).isEqualTo(user.active());
        assertThat(json.get("userType").stringValue()).isEqualTo("Registered");
        assertThat(json.get("emails").get(0).get("value").stringValue()).isEqualTo("user00001@example.test");
        assertThat(json.get("emails").get(0).get("primary").booleanValue()).isTrue();
        assertThat(json.get("entitlements").get(0).get("value").stringValue()).isEqualTo("workspace-1");
        assertThat(json.get("meta").get("resourceType").stringValue()).isEqualTo("User");
        assertThat(json.get("meta").get("location").stringValue())
                .isEqualTo(server.baseUrl() + "/Users/" + user.id());
    }

    @Test
    void pagesThroughInAStableOrder() {
        List<String> collected = new ArrayList<>();
        for (int startIndex = 1; startIndex <= 25; startIndex += 10) {
            ScimTestClient.Reply page = client.list(null, startIndex, 10);
            assertThat(page.json().get("startIndex").intValue()).isEqualTo(startIndex);
            assertThat(page.json().get("totalResults").intValue()).isEqualTo(25);
            assertThat(page.json().get("itemsPerPage").intValue()).isEqualTo(page.resourceIds().size());
            collected.addAll(page.resourceIds());
        }
        assertThat(collected).isEqualTo(server.directory().ids());
        assertThat(client.list(null, 21, 10).resourceIds()).hasSize(5);
    }

    @Test
    void startIndexBelowOneMeansOne() {
        for (int startIndex : new int[] {0, -5}) {
            JsonNode body = client.list(null, startIndex, 3).json();
            assertThat(body.get("startIndex").intValue()).isEqualTo(1);
            assertThat(body.get("Resources").get(0).get("id").stringValue()).isEqualTo(seededUser(0).id());
        }
    }

    @Test
    void startIndexPastTheEndGivesAnEmptyPage() {
        JsonNode body = client.list(null, 26, 10).json();
        assertThat(body.get("totalResults").intValue()).isEqualTo(25);
        assertThat(body.get("itemsPerPage").intValue()).isZero();
        assertThat(body.get("Resources").isEmpty()).isTrue();
    }

    @Test
    void countZeroReturnsOnlyTheTotal() {
        JsonNode body = client.list(null, null, 0).json();
        assertThat(body.get("totalResults").intValue()).isEqualTo(25);
        assertThat(body.has("Resources")).isFalse();
        assertThat(client.list(null, null, -3).json().has("Resources")).isFalse();
    }

    @Test
    void defaultCountIsOneHundredAndCountIsCappedAtOneThousand() {
        try (SandboxScimServer big = SandboxScimServer.start(SandboxSettings.defaults().withUsers(1_005), 0)) {
            ScimTestClient bigClient = new ScimTestClient(big.baseUrl(), "sandbox-token");
            assertThat(bigClient.get("/Users").json().get("itemsPerPage").intValue()).isEqualTo(100);
            JsonNode capped = bigClient.list(null, null, 5_000).json();
            assertThat(capped.get("itemsPerPage").intValue()).isEqualTo(1_000);
            assertThat(capped.get("Resources").size()).isEqualTo(1_000);
            assertThat(capped.get("totalResults").intValue()).isEqualTo(1_005);
        }
    }

    @Test
    void nonNumericPagingParametersAreRejected() {
        ScimTestClient.Reply reply = client.get("/Users?count=ten");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("scimType").stringValue()).isEqualTo("invalidValue");
        assertThat(reply.json().get("detail").stringValue()).contains("count");
    }
}
