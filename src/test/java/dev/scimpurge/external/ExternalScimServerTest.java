package dev.scimpurge.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves {@link ExternalScimServer} over real HTTP on 127.0.0.1 with the JDK client, as the purge job will see it.
 */
class ExternalScimServerTest {

    private static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String LIST_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final String SCIM_JSON = "application/scim+json";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ExternalScimServer server;

    @BeforeEach
    void startServer() {
        server = ExternalScimServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void listensOnLoopbackWithScimBase() {
        URI base = server.baseUrl();
        assertThat(base.getScheme()).isEqualTo("http");
        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        assertThat(base.getPort()).isPositive();
        assertThat(base.getPath()).isEqualTo("/scim/v2");
        assertThat(server.token()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void refusesRequestsWithoutTheBearerToken() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/Users")).GET());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        JsonNode error = json.readTree(none.body());
        assertThat(error.get("schemas").get(0).asString()).isEqualTo(ERROR_URN);
        assertThat(error.get("status").asString()).isEqualTo("401");
        assertThat(error.get("scimType").asString()).isEqualTo("unauthenticated");

        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/Users")).header("Authorization", "Bearer nope").GET());
        assertThat(wrong.statusCode()).isEqualTo(401);

        HttpResponse<String> basic = send(HttpRequest.newBuilder(uri("/Users"))
                .header("Authorization", "Basic " + server.token()).GET());
        assertThat(basic.statusCode()).isEqualTo(401);

        assertThat(get("/Users").statusCode()).isEqualTo(200);
    }

    @Test
    void createsOverHttpAndReadsById() throws Exception {
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"carol","active":false,
                 "emails":[{"value":"carol@example.com","type":"work","primary":true}]}""";
        HttpResponse<String> created = send(authorized(uri("/Users"))
                .header("Content-Type", SCIM_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        assertThat(id).isNotBlank();
        assertThat(created.headers().firstValue("Location")).hasValue(server.baseUrl() + "/Users/" + id);
        assertThat(server.exists(id)).isTrue();
        assertThat(server.userCount()).isEqualTo(1);

        HttpResponse<String> read = get("/Users/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type")).hasValue(SCIM_JSON);
        JsonNode user = json.readTree(read.body());
        assertThat(user.get("id").asString()).isEqualTo(id);
        assertThat(user.get("userName").asString()).isEqualTo("carol");
        assertThat(user.get("active").booleanValue()).isFalse();
        assertThat(user.get("emails").get(0).get("value").asString()).isEqualTo("carol@example.com");
    }

    @Test
    void createUserHelperStoresWhatHttpServes() throws Exception {
        String id = server.createUser("dave", "dave@example.com", true);
        JsonNode user = json.readTree(get("/Users/" + id).body());
        assertThat(user.get("userName").asString()).isEqualTo("dave");
        assertThat(user.get("active").booleanValue()).isTrue();
        assertThat(user.get("emails").get(0).get("value").asString()).isEqualTo("dave@example.com");
        assertThat(user.get("emails").get(0).get("primary").booleanValue()).isTrue();
    }

    @Test
    void refusesASecondUserNameDifferingOnlyInCase() throws Exception {
        server.createUser("Erin", "erin@example.com", true);
        HttpResponse<String> dup = send(authorized(uri("/Users"))
                .header("Content-Type", SCIM_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"erin\"}")));
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(json.readTree(dup.body()).get("scimType").asString()).isEqualTo("uniqueness");
        assertThat(server.userCount()).isEqualTo(1);
    }

    @Test
    void filtersByEmailValueIgnoringCase() throws Exception {
        String alice = server.createUser("alice", "Alice@Example.com", true);
        server.createUser("bob", "bob@example.com", true);

        JsonNode exact = list("emails.value eq \"Alice@Example.com\"", null, null);
        assertThat(exact.get("schemas").get(0).asString()).isEqualTo(LIST_URN);
        assertThat(exact.get("totalResults").asInt()).isEqualTo(1);
        assertThat(ids(exact)).containsExactly(alice);

        // emails.value is caseExact=false in RFC 7643, and this server honours it
        assertThat(ids(list("emails.value eq \"alice@example.COM\"", null, null))).containsExactly(alice);

        JsonNode none = list("emails.value eq \"nobody@example.com\"", null, null);
        assertThat(none.get("totalResults").asInt()).isZero();
        assertThat(none.get("itemsPerPage").asInt()).isZero();
        assertThat(none.has("Resources")).as("an empty page leaves out Resources").isFalse();
    }

    @Test
    void filtersByUserNameIgnoringCase() throws Exception {
        server.createUser("alice", "alice@example.com", true);
        String bob = server.createUser("Bob.Smith", "bob@example.com", true);

        assertThat(ids(list("userName eq \"Bob.Smith\"", null, null))).containsExactly(bob);
        assertThat(ids(list("userName eq \"bob.smith\"", null, null))).containsExactly(bob);
        assertThat(ids(list("userName eq \"BOB.SMITH\" and active eq true", null, null))).containsExactly(bob);
        assertThat(list("userName eq \"bob\"", null, null).get("totalResults").asInt()).isZero();
    }

    @Test
    void filtersByActiveEqFalse() throws Exception {
        Set<String> inactive = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String id = server.createUser("user" + i, "user" + i + "@example.com", i % 3 != 0);
            if (i % 3 == 0) {
                inactive.add(id);
            }
        }
        JsonNode page = list("active eq false", null, null);
        assertThat(page.get("totalResults").asInt()).isEqualTo(3);
        assertThat(new HashSet<>(ids(page))).isEqualTo(inactive);
        for (JsonNode user : page.get("Resources")) {
            assertThat(user.get("active").booleanValue()).isFalse();
        }
        assertThat(list("active eq true", null, null).get("totalResults").asInt()).isEqualTo(5);
    }

    @Test
    void rejectsBadFiltersWith400InvalidFilter() throws Exception {
        server.createUser("alice", "alice@example.com", false);
        for (String filter : List.of("active eq \"false\"", "userName eq", "noSuchAttribute eq \"x\"")) {
            HttpResponse<String> response = get("/Users?filter=" + encode(filter));
            assertThat(response.statusCode()).as(filter).isEqualTo(400);
            JsonNode error = json.readTree(response.body());
            assertThat(error.get("schemas").get(0).asString()).isEqualTo(ERROR_URN);
            assertThat(error.get("status").asString()).isEqualTo("400");
            assertThat(error.get("scimType").asString()).as(filter).isEqualTo("invalidFilter");
        }
    }

    @Test
    void pagesWithStartIndexAndCountCappedAtMaxPageSize() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            created.add(server.createUser("pager" + i, "pager" + i + "@example.com", true));
        }
        List<String> seen = new ArrayList<>();
        int[] expectedSizes = {100, 100, 50};
        for (int p = 0; p < 3; p++) {
            int startIndex = 1 + p * 100;
            JsonNode page = list(null, startIndex, 100);
            assertThat(page.get("totalResults").asInt()).isEqualTo(250);
            assertThat(page.get("startIndex").asInt()).isEqualTo(startIndex);
            assertThat(page.get("itemsPerPage").asInt()).isEqualTo(expectedSizes[p]);
            seen.addAll(ids(page));
        }
        assertThat(seen).as("pages are disjoint and in creation order").containsExactlyElementsOf(created);

        JsonNode tooMany = list(null, 1, 500);
        assertThat(tooMany.get("itemsPerPage").asInt()).isEqualTo(ExternalScimServer.DEFAULT_MAX_PAGE_SIZE);
        assertThat(ids(tooMany)).hasSize(ExternalScimServer.DEFAULT_MAX_PAGE_SIZE);

        JsonNode noCount = list(null, null, null);
        assertThat(noCount.get("itemsPerPage").asInt()).isEqualTo(ExternalScimServer.DEFAULT_MAX_PAGE_SIZE);

        JsonNode pastTheEnd = list(null, 1000, 100);
        assertThat(pastTheEnd.get("totalResults").asInt()).isEqualTo(250);
        assertThat(pastTheEnd.get("itemsPerPage").asInt()).isZero();
        assertThat(pastTheEnd.has("Resources")).isFalse();
    }

    @Test
    void smallerPageCapIsHonoured() throws Exception {
        try (ExternalScimServer small = ExternalScimServer.start(7)) {
            for (int i = 0; i < 10; i++) {
                small.createUser("s" + i, "s" + i + "@example.com", false);
            }
            HttpResponse<String> response = send(HttpRequest.newBuilder(
                    URI.create(small.baseUrl() + "/Users?count=50")).header("Authorization", "Bearer " + small.token()).GET());
            JsonNode page = json.readTree(response.body());
            assertThat(page.get("totalResults").asInt()).isEqualTo(10);
            assertThat(page.get("itemsPerPage").asInt()).isEqualTo(7);
        }
    }

    @Test
    void deleteAnswers204ThenTheIdIsGoneWith404() throws Exception {
        String id = server.createUser("frank", "frank@example.com", false);
        String keep = server.createUser("grace", "grace@example.com", false);

        HttpResponse<String> deleted = delete(id);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(server.exists(id)).isFalse();
        assertThat(server.exists(keep)).isTrue();
        assertThat(server.userCount()).isEqualTo(1);

        HttpResponse<String> read = get("/Users/" + id);
        assertThat(read.statusCode()).isEqualTo(404);
        JsonNode error = json.readTree(read.body());
        assertThat(error.get("schemas").get(0).asString()).isEqualTo(ERROR_URN);
        assertThat(error.get("status").asString()).isEqualTo("404");
        assertThat(error.get("detail").asString()).contains(id);

        HttpResponse<String> again = delete(id);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json.readTree(again.body()).get("status").asString()).isEqualTo("404");

        assertThat(get("/Users/no-such-id").statusCode()).isEqualTo(404);
        assertThat(delete("no-such-id").statusCode()).isEqualTo(404);
    }

    @Test
    void seedsOver1200DeactivatedUsersQuicklyAndAllCanBeListedAndDeleted() throws Exception {
        int inactiveCount = 1250;
        int activeCount = 40;
        long started = System.nanoTime();
        Set<String> inactive = new LinkedHashSet<>();
        Set<String> active = new LinkedHashSet<>();
        for (int i = 0; i < inactiveCount + activeCount; i++) {
            boolean isActive = i % 32 == 0 && active.size() < activeCount;
            String id = server.createUser("bulk" + i, "bulk" + i + "@example.com", isActive);
            (isActive ? active : inactive).add(id);
        }
        while (active.size() < activeCount) { // top up in the unlikely case the interleave above fell short
            active.add(server.createUser("bulk-active" + active.size(), null, true));
        }
        Duration seeding = Duration.ofNanos(System.nanoTime() - started);
        assertThat(seeding).as("seeding %d users", server.userCount()).isLessThan(Duration.ofSeconds(10));
        assertThat(server.userCount(false)).isEqualTo(inactive.size()).isGreaterThan(1000);
        assertThat(server.userCount(true)).isEqualTo(activeCount);

        Set<String> listed = new LinkedHashSet<>();
        int startIndex = 1;
        while (true) {
            JsonNode page = list("active eq false", startIndex, 100);
            assertThat(page.get("totalResults").asInt()).isEqualTo(inactive.size());
            List<String> ids = ids(page);
            if (ids.isEmpty()) {
                break;
            }
            listed.addAll(ids);
            startIndex += ids.size();
        }
        assertThat(listed).isEqualTo(inactive);

        for (String id : listed) {
            assertThat(delete(id).statusCode()).isEqualTo(204);
        }
        assertThat(server.userCount(false)).isZero();
        assertThat(server.userCount(true)).isEqualTo(activeCount);
        assertThat(active).allMatch(server::exists);
        assertThat(list("active eq false", null, null).get("totalResults").asInt()).isZero();
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private JsonNode list(String filter, Integer startIndex, Integer count) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        if (filter != null) {
            query.append("&filter=").append(encode(filter));
        }
        if (startIndex != null) {
            query.append("&startIndex=").append(startIndex);
        }
        if (count != null) {
            query.append("&count=").append(count);
        }
        String path = "/Users" + (query.length() == 0 ? "" : "?" + query.substring(1));
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<String> ids(JsonNode listResponse) {
        List<String> ids = new ArrayList<>();
        for (JsonNode user : listResponse.path("Resources")) {
            ids.add(user.get("id").asString());
        }
        return ids;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(authorized(uri(path)).GET());
    }

    private HttpResponse<String> delete(String id) throws IOException, InterruptedException {
        return send(authorized(uri("/Users/" + id)).DELETE());
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + server.token());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
