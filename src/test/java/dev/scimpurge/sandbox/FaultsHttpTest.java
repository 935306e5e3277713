package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaultsHttpTest extends SandboxServerTestBase {

    private static final String DEACTIVATE = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";

    private SandboxFaults faults() {
        return server.faults();
    }

    @Test
    void failUserByIdFailsDeleteAndPatchOfThatUserOnly() {
        SandboxUser victim = seededUser(2);
        faults().failUser(victim.id(), 500, "backend \"exploded\"");

        ScimTestClient.Reply delete = client.delete("/Users/" + victim.id());
        assertThat(delete.status()).isEqualTo(500);
        assertThat(delete.json().get("status").stringValue()).isEqualTo("500");
        assertThat(delete.json().get("detail").stringValue()).isEqualTo("backend \"exploded\"");
        assertThat(client.patch("/Users/" + victim.id(), DEACTIVATE).status()).isEqualTo(500);
        assertThat(server.directory().find(victim.id())).contains(victim);

        assertThat(client.get("/Users/" + victim.id()).status()).isEqualTo(200);
        assertThat(client.delete("/Users/" + seededUser(3).id()).status()).isEqualTo(204);
    }

    @Test
    void failUserByEmailMatchesIgnoringCase() {
        SandboxUser victim = seededUser(5);
        faults().failUser(victim.emails().get(0).toUpperCase(), 409, "locked");

        assertThat(client.delete("/Users/" + victim.id()).status()).isEqualTo(409);

        faults().clearUserFailures();
        assertThat(client.delete("/Users/" + victim.id()).status()).isEqualTo(204);
    }

    @Test
    void aFailureKeyedByIdWinsOverOneKeyedByEmail() {
        SandboxUser victim = seededUser(6);
        faults().failUser(victim.emails().get(0), 409, "by email");
        faults().failUser(victim.id(), 500, "by id");

        ScimTestClient.Reply reply = client.delete("/Users/" + victim.id());

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("by id");
    }

    @Test
    void rejectFiltersFailsEveryFilterButNotPlainLists() {
        faults().rejectFilters(true);

        ScimTestClient.Reply reply = client.list("userName eq \"user00001@example.test\"", null, null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("scimType").stringValue()).isEqualTo("invalidFilter");
        assertThat(client.list(null, null, null).status()).isEqualTo(200);

        faults().rejectFilters(false);
        assertThat(client.idsMatching("userName eq \"user00001@example.test\"")).hasSize(1);
    }

    @Test
    void rejectFilterAttributeFailsOnlyThatSpelling() {
        faults().rejectFilterAttribute("emails.value");

        ScimTestClient.Reply rejected = client.list("active eq true and EMAILS.VALUE eq \"user00001@example.test\"",
                null, null);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("scimType").stringValue()).isEqualTo("invalidFilter");
        assertThat(rejected.json().get("detail").stringValue()).containsIgnoringCase("emails.value");
        assertThat(client.idsMatching("userName eq \"user00001@example.test\"")).hasSize(1);
        assertThat(client.idsMatching("emails eq \"user00001@example.test\"")).hasSize(1);

        faults().clearFilterAttributeFaults();
        assertThat(client.idsMatching("emails.value eq \"user00001@example.test\"")).hasSize(1);
    }

    @Test
    void ignoreFiltersReturnsEverythingEvenForGarbage() {
        faults().ignoreFilters(true);

        assertThat(client.idsMatching("userName eq \"user00001@example.test\"")).hasSize(25);
        assertThat(client.list("this is (not a filter", null, null).status()).isEqualTo(200);
        assertThat(client.list("userName eq \"x\"", null, null).json().get("totalResults").intValue()).isEqualTo(25);
    }

    @Test
    void repeatFirstPageIgnoresStartIndex() {
        List<String> firstPage = client.list(null, 1, 10).resourceIds();
        faults().repeatFirstPage(true);

        ScimTestClient.Reply second = client.list(null, 11, 10);
        assertThat(second.resourceIds()).isEqualTo(firstPage);
        assertThat(second.json().get("startIndex").intValue()).isEqualTo(1);

        faults().repeatFirstPage(false);
        assertThat(client.list(null, 11, 10).resourceIds()).doesNotContainAnyElementsOf(firstPage);
    }

    @Test
    void totalResultsOverrideLiesOnlyAboutTheTotal() {
        faults().totalResultsOverride(999);

        JsonNode body = client.list(null, 1, 10).json();
        assertThat(body.get("totalResults").intValue()).isEqualTo(999);
        assertThat(body.get("Resources").size()).isEqualTo(10);
        assertThat(client.list(null, 21, 10).resourceIds()).hasSize(5);

        faults().totalResultsOverride(null);
        assertThat(client.get("/Users").json().get("totalResults").intValue()).isEqualTo(25);
    }

    @Test
    void capPageSizeServesFewerUsersThanAskedAndTheTruthAboutTheTotal() {
        faults().capPageSize(7);

        JsonNode body = client.list(null, 1, 10).json();
        assertThat(body.get("Resources").size()).isEqualTo(7);
        assertThat(body.get("totalResults").intValue()).isEqualTo(25);
        assertThat(client.list(null, 1, 3).resourceIds()).as("a smaller count still wins").hasSize(3);
        assertThat(client.list(null, 22, 10).resourceIds()).hasSize(4);

        faults().reset();
        assertThat(client.list(null, 1, 10).resourceIds()).hasSize(10);
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        faults().rateLimit(2, 7);

        assertThat(client.get("/Users?count=1").status()).isEqualTo(200);
        assertThat(client.get("/Users?count=1").status()).isEqualTo(200);
        ScimTestClient.Reply limited = client.get("/Users?count=1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("7");
        assertThat(limited.json().get("status").stringValue()).isEqualTo("429");
        assertThat(limited.json().get("schemas").get(0).stringValue())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");

        faults().rateLimit(0, 0);
        assertThat(client.get("/Users?count=1").status()).isEqualTo(200);
    }

    @Test
    void forceStatusAnswersEveryAuthenticatedRequest() {
        faults().forceStatus(503);

        for (ScimTestClient.Reply reply : List.of(client.get("/Users"), client.get("/ServiceProviderConfig"),
                client.delete("/Users/" + seededUser(0).id()))) {
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.json().get("status").stringValue()).isEqualTo("503");
        }
        assertThat(server.directory().size()).isEqualTo(25);
        assertThat(ScimTestClient.withAuthorizationHeader(server.baseUrl(), null).get("/Users").status())
                .isEqualTo(401);

        faults().forceStatus(0);
        assertThat(client.get("/Users").status()).isEqualTo(200);
    }

    @Test
    void faultsApplyInOrderAuthForcedStatusRateLimitUserFailure() {
        SandboxUser victim = seededUser(0);
        faults().rateLimit(1, 3);
        faults().forceStatus(403);
        faults().failUser(victim.id(), 500, "boom");

        assertThat(ScimTestClient.withAuthorizationHeader(server.baseUrl(), null).delete("/Users/" + victim.id())
                .status()).isEqualTo(401);
        assertThat(client.delete("/Users/" + victim.id()).status()).isEqualTo(403);
        assertThat(client.delete("/Users/" + victim.id()).status()).isEqualTo(403);

        faults().forceStatus(0);
        // Rejected requests consumed no rate-limit budget, so this one reaches the per-user failure...
        assertThat(client.delete("/Users/" + victim.id()).status()).isEqualTo(500);
        // ...and the next one is over the limit before the user is even looked at.
        assertThat(client.delete("/Users/" + victim.id()).status()).isEqualTo(429);
    }

    @Test
    void latencyDelaysEveryResponse() {
        faults().latency(Duration.ofMillis(250));

        long started = System.nanoTime();
        assertThat(ScimTestClient.withAuthorizationHeader(server.baseUrl(), null).get("/Users").status())
                .isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));

        faults().latency(Duration.ZERO);
        started = System.nanoTime();
        client.get("/Users");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(250));
    }

    @Test
    void aServerThatStopsAnsweringHoldsEveryRequestAfterTheTriggerUntilReset() {
        List<SandboxUser> users = server.directory().all();
        Silence silence = faults().stopAnsweringAfter("DELETE", 2, Duration.ofMillis(300));

        assertThat(client.get("/Users/" + users.get(0).id()).status()).as("other methods do not count").isEqualTo(200);
        assertThat(client.delete("/Users/" + users.get(1).id()).status()).isEqualTo(204);
        assertThat(client.delete("/Users/" + users.get(2).id()).status()).isEqualTo(204);
        assertThat(silence.began()).isEmpty();

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.delete("/Users/" + users.get(3).id())).as("held, then cut off without an answer")
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        // A PATCH: the JDK client sends a GET that went unanswered once more by itself.
        assertThatThrownBy(() -> client.patch("/Users/" + users.get(4).id(), DEACTIVATE)).as("every method, once silent")
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(silence.held()).isEqualTo(2);
        assertThat(silence.began()).isPresent();
        assertThat(server.directory().contains(users.get(3).id())).as("a held request is not carried out").isTrue();
        assertThat(server.requests().count("DELETE")).as("held requests are logged").isEqualTo(3);

        faults().reset();
        assertThat(client.get("/Users").status()).isEqualTo(200);
        assertThat(silence.held()).isEqualTo(2);
    }

    @Test
    void resetTurnsEveryKnobOff() {
        faults().forceStatus(500);
        faults().rejectFilters(true);
        faults().totalResultsOverride(1);
        faults().failUser(seededUser(0).id(), 500, "x");

        faults().reset();

        assertThat(client.list("active eq false", null, null).json().get("totalResults").intValue()).isEqualTo(5);
        assertThat(client.delete("/Users/" + seededUser(0).id()).status()).isEqualTo(204);
    }

    @Test
    void resetTurnsTheServerQuirksOffToo() {
        faults().filterAttributeMatchesNothing("userName");
        faults().unknownFilterAttributes(UnknownAttributeAnswer.NO_MATCH);
        faults().filterAddressCase(AddressCase.SENSITIVE);
        faults().refuseFilters(FilterRefusal.NOT_IMPLEMENTED);
        faults().advertiseFilterSupported(true);
        faults().advertiseFilterMaxResults(3);
        faults().advertiseBulk(BulkSupport.supported(100, 1024));
        faults().capPageSize(4, CapDisclosure.ADVERTISED);
        faults().emptyPages(EmptyPageForm.ONLY_TOTAL_RESULTS_ZERO);
        faults().listCost(ListCost.everyList(Duration.ofSeconds(5), Duration.ZERO));
        faults().filterQueryCost(Duration.ofSeconds(5));
        faults().failWholeBulk(WholeBulkFailure.EVERY_REQUEST);
        faults().bulkResultIdentifiers(BulkResultIdentifiers.NONE);
        faults().bulkStatusForm(BulkStatusForm.NUMBER);

        faults().reset();

        long started = System.nanoTime();
        assertThat(client.idsMatching("userName eq \"USER00001@example.test\"")).hasSize(1);
        assertThat(client.list("nickName eq \"x\"", null, null).status()).isEqualTo(400);
        assertThat(client.list(null, 1, 10).resourceIds()).hasSize(10);
        assertThat(client.list(null, 26, 10).json().has("Resources")).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        JsonNode config = client.get("/ServiceProviderConfig").json();
        assertThat(config.get("filter").get("maxResults").intValue()).isEqualTo(1000);
        assertThat(config.get("bulk").get("supported").booleanValue()).isFalse();
    }

    @Test
    void knobsRejectNonErrorStatuses() {
        assertThatThrownBy(() -> faults().forceStatus(200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults().failUser("x", 204, "no"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ignoredRemovalsAnswerSuccessAndLeaveTheUserAsItWas() {
        SandboxUser kept = seededUser(2);
        SandboxUser patched = seededUser(3);
        faults().ignoreRemovals(true);

        assertThat(client.delete("/Users/" + kept.id()).status()).isEqualTo(204);
        ScimTestClient.Reply patch = client.patch("/Users/" + patched.id(), DEACTIVATE);
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.json().get("active").booleanValue()).as("the answer says it was done").isFalse();
        assertThat(server.directory().find(kept.id())).contains(kept);
        assertThat(server.directory().find(patched.id())).contains(patched);
        assertThat(client.get("/Users/" + patched.id()).json().get("active").booleanValue()).isEqualTo(patched.active());
        assertThat(client.delete("/Users/no-such-user").status()).as("an unknown user is still not found").isEqualTo(404);

        faults().reset();
        assertThat(client.delete("/Users/" + kept.id()).status()).isEqualTo(204);
        assertThat(server.directory().find(kept.id())).isEmpty();
    }

    @Test
    void aRemovalVisibleLateShowsTheUserAsItWasUntilTheDelayHasPassed() throws Exception {
        SandboxUser user = seededUser(4);
        faults().removalsVisibleAfter(Duration.ofMillis(600));

        assertThat(client.delete("/Users/" + user.id()).status()).isEqualTo(204);
        assertThat(server.directory().find(user.id())).as("the change is made at once").isEmpty();
        ScimTestClient.Reply early = client.get("/Users/" + user.id());
        assertThat(early.status()).isEqualTo(200);
        assertThat(early.json().get("id").stringValue()).isEqualTo(user.id());

        Thread.sleep(700);
        assertThat(client.get("/Users/" + user.id()).status()).isEqualTo(404);
    }
}
