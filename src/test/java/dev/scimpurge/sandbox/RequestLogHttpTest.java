package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogHttpTest extends SandboxServerTestBase {

    @Test
    void recordsEveryRequestInArrivalOrderWithRawPaths() {
        SandboxUser user = seededUser(0);
        SandboxUser tricky = addUser("a/b?c", "tricky@example.test", true);

        client.get("/Users?filter=" + encoded("active eq false") + "&count=5");
        client.delete("/Users/" + user.id());
        client.delete("/Users/" + encoded(tricky.id()));
        client.get("/Users/does-not-exist");

        RequestLog log = server.requests();
        assertThat(log.lines()).containsExactly(
                "GET /scim/v2/Users?filter=active%20eq%20false&count=5",
                "DELETE /scim/v2/Users/" + user.id(),
                "DELETE /scim/v2/Users/a%2Fb%3Fc",
                "GET /scim/v2/Users/does-not-exist");
        assertThat(log.count("DELETE")).isEqualTo(2);
        assertThat(log.count("GET")).isEqualTo(2);
        assertThat(log.count("PATCH")).isZero();
        assertThat(log.total()).isEqualTo(4);
        assertThat(log.entries().get(0).rawPath()).isEqualTo("/scim/v2/Users");
        assertThat(log.entries().get(0).rawQuery()).isEqualTo("filter=active%20eq%20false&count=5");
        assertThat(log.entries().get(1).rawQuery()).isNull();
    }

    @Test
    void recordsRejectedRequestsToo() {
        server.faults().forceStatus(503);
        ScimTestClient.withAuthorizationHeader(server.baseUrl(), null).delete("/Users/x");
        client.delete("/Users/y");

        assertThat(server.requests().count("DELETE")).isEqualTo(2);
        assertThat(server.requests().entries()).extracting(RecordedRequest::rawPath)
                .containsExactly("/scim/v2/Users/x", "/scim/v2/Users/y");
    }

    @Test
    void neverRecordsTheToken() {
        client.get("/Users");
        assertThat(server.requests().entries().toString()).doesNotContain(settings().token());
    }

    @Test
    void resetForgetsEverything() {
        client.get("/Users");
        server.requests().reset();

        assertThat(server.requests().total()).isZero();
        assertThat(server.requests().lines()).isEmpty();
        client.get("/ServiceProviderConfig");
        assertThat(server.requests().lines()).containsExactly("GET /scim/v2/ServiceProviderConfig");
    }
}
