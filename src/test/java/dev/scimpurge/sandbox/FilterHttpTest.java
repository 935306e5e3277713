package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FilterHttpTest extends SandboxServerTestBase {

    @Test
    void userNameEqualityIgnoresCase() {
        assertThat(client.idsMatching("userName eq \"USER00003@Example.Test\"")).containsExactly(seededUser(2).id());
    }

    @Test
    void everyEmailSpellingFindsTheUser() {
        String expected = seededUser(4).id();
        assertThat(client.idsMatching("emails.value eq \"user00005@example.test\"")).containsExactly(expected);
        assertThat(client.idsMatching("emails eq \"user00005@example.test\"")).containsExactly(expected);
        assertThat(client.idsMatching("email eq \"USER00005@example.test\"")).containsExactly(expected);
    }

    @Test
    void idEqualityIsExact() {
        String id = seededUser(7).id();
        assertThat(client.idsMatching("id eq \"" + id + "\"")).containsExactly(id);
        assertThat(client.idsMatching("id eq \"" + id.toUpperCase() + "\"")).isEmpty();
    }

    @Test
    void activeFilterSelectsTheDeactivatedUsers() {
        List<String> deactivated = server.directory().deactivated().stream().map(SandboxUser::id).toList();
        assertThat(deactivated).hasSize(5);
        assertThat(client.idsMatching("active eq false")).isEqualTo(deactivated);
        assertThat(client.idsMatching("active eq true")).hasSize(20).doesNotContainAnyElementsOf(deactivated);
    }

    @Test
    void userTypeAndExternalId() {
        assertThat(client.idsMatching("userType eq \"registered\"")).hasSize(25);
        assertThat(client.idsMatching("externalId eq \"anything\"")).isEmpty();
    }

    @Test
    void totalResultsCountsTheMatchesNotTheDirectory() {
        JsonNode body = client.list("active eq false", 1, 2).json();
        assertThat(body.get("totalResults").intValue()).isEqualTo(5);
        assertThat(body.get("itemsPerPage").intValue()).isEqualTo(2);
    }

    @Test
    void escapedQuotesAndBackslashesInValues() {
        SandboxUser odd = addUser("odd-1", "o\"brien\\x@example.test", true);
        assertThat(client.idsMatching("userName eq \"o\\\"brien\\\\x@example.test\"")).containsExactly(odd.id());
    }

    @Test
    void plusSignsInAddressesSurviveQueryEncoding() {
        SandboxUser tagged = addUser("tagged-1", "someone+tag@example.test", true);
        assertThat(client.idsMatching("emails.value eq \"someone+tag@example.test\"")).containsExactly(tagged.id());
    }

    @Test
    void andBindsTighterThanOr() {
        SandboxUser first = server.directory().all().stream().filter(SandboxUser::active).findFirst().orElseThrow();
        SandboxUser second = server.directory().all().stream().filter(SandboxUser::active).skip(1).findFirst()
                .orElseThrow();
        String filter = "userName eq \"" + first.userName() + "\" or userName eq \"" + second.userName()
                + "\" and active eq false";
        // first OR (second AND inactive) -> only first; the wrong precedence would give nothing.
        assertThat(client.idsMatching(filter)).containsExactly(first.id());

        String grouped = "(userName eq \"" + first.userName() + "\" or userName eq \"" + second.userName()
                + "\") and active eq true";
        assertThat(client.idsMatching(grouped)).containsExactly(first.id(), second.id());
    }

    @Test
    void notAndPresence() {
        assertThat(client.idsMatching("not (active eq true)")).hasSize(5);
        assertThat(client.idsMatching("userType pr")).hasSize(25);
        assertThat(client.idsMatching("externalId pr")).isEmpty();
    }

    @Test
    void malformedFilterIsAnInvalidFilterError() {
        ScimTestClient.Reply reply = client.list("userName eq user00001@example.test", null, null);

        assertThat(reply.status()).isEqualTo(400);
        JsonNode error = reply.json();
        assertThat(error.get("schemas").get(0).stringValue()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.get("status").stringValue()).isEqualTo("400");
        assertThat(error.get("scimType").stringValue()).isEqualTo("invalidFilter");
        assertThat(error.get("detail").stringValue()).contains("position 13");
    }

    @Test
    void unknownAttributeIsAnInvalidFilterError() {
        ScimTestClient.Reply reply = client.list("nickName eq \"x\"", null, null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("scimType").stringValue()).isEqualTo("invalidFilter");
        assertThat(reply.json().get("detail").stringValue()).contains("nickName");
    }
}
