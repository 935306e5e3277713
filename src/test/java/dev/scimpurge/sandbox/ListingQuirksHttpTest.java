package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /Users} the way real servers bend it, over real HTTP: empty pages that are a bare {@code totalResults},
 * and list requests whose cost grows with the directory whatever the page size. With the knobs off, pages are
 * RFC 7644 §3.4.2 ListResponses and cost only the latency.
 */
class ListingQuirksHttpTest extends SandboxServerTestBase {

    private static final String NO_MATCH = "userName eq \"nobody@example.test\"";
    private static final String ONE_MATCH = "userName eq \"user00003@example.test\"";

    private SandboxFaults faults() {
        return server.faults();
    }

    private static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }

    private static Duration timed(Supplier<ScimTestClient.Reply> request) {
        long started = System.nanoTime();
        ScimTestClient.Reply reply = request.get();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void anEmptyPageCanBeOnlyAZeroTotal() {
        faults().emptyPages(EmptyPageForm.ONLY_TOTAL_RESULTS_ZERO);

        for (ScimTestClient.Reply empty : List.of(client.list(null, null, 0), client.list(null, 26, 10),
                client.list(NO_MATCH, null, null))) {
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.header("Content-Type")).isEqualTo("application/scim+json");
            assertThat(fieldNames(empty.json())).as(empty.body()).containsExactly("totalResults");
            assertThat(empty.json().get("totalResults").intValue()).isZero();
        }
        JsonNode full = client.list(null, 21, 10).json();
        assertThat(fieldNames(full)).as("a page with users is a ListResponse")
                .containsExactly("schemas", "totalResults", "startIndex", "itemsPerPage", "Resources");
        assertThat(full.get("totalResults").intValue()).isEqualTo(25);
    }

    @Test
    void anEmptyPageCanBeOnlyTheRealTotal() {
        faults().emptyPages(EmptyPageForm.ONLY_TOTAL_RESULTS);

        assertThat(client.list(null, null, 0).body()).isEqualTo("{\"totalResults\":25}");
        assertThat(client.list(null, 26, 10).body()).isEqualTo("{\"totalResults\":25}");
        assertThat(client.list(NO_MATCH, null, null).body()).isEqualTo("{\"totalResults\":0}");
    }

    @Test
    void emptyPagesAreListResponsesByDefault() {
        faults().emptyPages(EmptyPageForm.ONLY_TOTAL_RESULTS_ZERO);
        faults().emptyPages(EmptyPageForm.LIST_RESPONSE);

        JsonNode pastTheEnd = client.list(null, 26, 10).json();
        assertThat(fieldNames(pastTheEnd)).containsExactly("schemas", "totalResults", "startIndex", "itemsPerPage", "Resources");
        assertThat(pastTheEnd.get("schemas").get(0).stringValue()).isEqualTo(ScimJson.LIST_RESPONSE_SCHEMA);
        assertThat(pastTheEnd.get("totalResults").intValue()).isEqualTo(25);
        assertThat(pastTheEnd.get("startIndex").intValue()).isEqualTo(26);
        assertThat(pastTheEnd.get("itemsPerPage").intValue()).isZero();
        assertThat(pastTheEnd.get("Resources").isEmpty()).isTrue();
        JsonNode countZero = client.list(null, null, 0).json();
        assertThat(fieldNames(countZero)).as("RFC 7644 §3.4.2.4: count=0 returns no resources")
                .containsExactly("schemas", "totalResults", "startIndex", "itemsPerPage");
        assertThat(countZero.get("totalResults").intValue()).isEqualTo(25);
    }

    @Test
    void everyListRequestCanCostAFixedPartPlusAPartPerUserInTheDirectoryWhateverThePageSize() {
        Duration cost = Duration.ofMillis(200).plus(Duration.ofMillis(10).multipliedBy(25));
        faults().listCost(ListCost.everyList(Duration.ofMillis(200), Duration.ofMillis(10)));

        assertThat(timed(() -> client.list(null, 1, 1))).isGreaterThanOrEqualTo(cost);
        assertThat(timed(() -> client.list(null, 1, 0))).isGreaterThanOrEqualTo(cost);
        assertThat(timed(() -> client.list(ONE_MATCH, null, null))).isGreaterThanOrEqualTo(cost);
        assertThat(timed(() -> client.get("/Users/" + encoded(seededUser(0).id())))).as("a user by id").isLessThan(cost);
        assertThat(timed(() -> client.get("/ServiceProviderConfig"))).isLessThan(cost);

        for (int i = 0; i < 25; i++) {
            addUser("extra-" + i, "extra" + i + "@example.test", true);
        }
        assertThat(timed(() -> client.list(null, 1, 1))).as("50 users")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200).plus(Duration.ofMillis(10).multipliedBy(50)));

        faults().listCost(ListCost.NONE);
        assertThat(timed(() -> client.list(null, 1, 1))).isLessThan(cost);
    }

    @Test
    void theListCostCanSpareFilteredRequests() {
        Duration cost = Duration.ofMillis(500);
        faults().listCost(ListCost.unfilteredLists(cost, Duration.ZERO));

        assertThat(timed(() -> client.list(null, 1, 1))).isGreaterThanOrEqualTo(cost);
        assertThat(timed(() -> client.list(ONE_MATCH, null, null))).isLessThan(cost);
    }

    @Test
    void aFilterQueryCanCostAFixedTime() {
        Duration cost = Duration.ofMillis(400);
        faults().filterQueryCost(cost);

        assertThat(timed(() -> client.list(ONE_MATCH, null, null))).isGreaterThanOrEqualTo(cost);
        assertThat(timed(() -> client.list(NO_MATCH, null, 1))).isGreaterThanOrEqualTo(cost);
        assertThat(timed(() -> client.list(null, 1, 10))).as("unfiltered").isLessThan(cost);
        assertThat(timed(() -> client.get("/Users/" + encoded(seededUser(0).id())))).isLessThan(cost);

        faults().reset();
        assertThat(timed(() -> client.list(ONE_MATCH, null, null))).isLessThan(cost);
    }
}
