package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ways real servers' filters go wrong, over real HTTP: a 200 that finds nothing for an account that exists, an
 * unknown attribute that is not an error, case-sensitive addresses, filtering not implemented. With each knob off,
 * filters follow RFC 7644 §3.4.2.2.
 */
class FilterQuirksHttpTest extends SandboxServerTestBase {

    private static final String ADDRESS = "user00003@example.test";

    private SandboxFaults faults() {
        return server.faults();
    }

    private void assertFoundNothing(String filter) {
        ScimTestClient.Reply reply = client.list(filter, null, null);
        assertThat(reply.status()).as(filter + " -> " + reply).isEqualTo(200);
        assertThat(reply.json().get("totalResults").intValue()).as(filter).isZero();
        assertThat(reply.resourceIds()).as(filter).isEmpty();
    }

    @Test
    void anEmailsValueFilterThatMatchesNothingAnswers200WithNoResultsWhileUserNameStillWorks() {
        String expected = seededUser(2).id();
        faults().filterAttributeMatchesNothing("emails.value");

        assertFoundNothing("emails.value eq \"" + ADDRESS + "\"");
        assertFoundNothing("urn:ietf:params:scim:schemas:core:2.0:User:emails.value eq \"" + ADDRESS + "\"");
        assertFoundNothing("emails.value pr");
        assertThat(client.idsMatching("userName eq \"" + ADDRESS + "\"")).containsExactly(expected);
        assertThat(client.idsMatching("emails eq \"" + ADDRESS + "\"")).as("another spelling").containsExactly(expected);
        assertThat(client.idsMatching("emails.value eq \"" + ADDRESS + "\" or userName eq \"" + ADDRESS + "\""))
                .as("only the comparison on emails.value is false").containsExactly(expected);

        faults().clearFilterAttributeFaults();
        assertThat(client.idsMatching("emails.value eq \"" + ADDRESS + "\"")).containsExactly(expected);
    }

    @Test
    void aUserNameFilterCanMatchNothingToo() {
        String expected = seededUser(2).id();
        faults().filterAttributeMatchesNothing("USERNAME");

        assertFoundNothing("userName eq \"" + ADDRESS + "\"");
        assertThat(client.idsMatching("emails.value eq \"" + ADDRESS + "\"")).containsExactly(expected);

        faults().reset();
        assertThat(client.idsMatching("userName eq \"" + ADDRESS + "\"")).containsExactly(expected);
    }

    @Test
    void aRejectionAndAnEmptyMatchOnOneSpellingReplaceEachOther() {
        faults().rejectFilterAttribute("emails.value");
        faults().filterAttributeMatchesNothing("emails.value");
        assertFoundNothing("emails.value eq \"" + ADDRESS + "\"");

        faults().rejectFilterAttribute("emails.value");
        assertThat(client.list("emails.value eq \"" + ADDRESS + "\"", null, null).status()).isEqualTo(400);
    }

    @Test
    void anUnknownAttributeCanMatchNothingInsteadOfBeingAnInvalidFilter() {
        faults().unknownFilterAttributes(UnknownAttributeAnswer.NO_MATCH);

        assertFoundNothing("nickName eq \"" + ADDRESS + "\"");
        assertFoundNothing("urn:example:custom:costCenter pr");
        assertThat(client.idsMatching("nickName eq \"x\" or userName eq \"" + ADDRESS + "\""))
                .containsExactly(seededUser(2).id());
        ScimTestClient.Reply malformed = client.list("nickName eq x", null, null);
        assertThat(malformed.status()).as("bad syntax is still an error").isEqualTo(400);
        assertThat(client.list("active eq \"yes\"", null, null).status()).as("bad types too").isEqualTo(400);

        faults().unknownFilterAttributes(UnknownAttributeAnswer.INVALID_FILTER);
        ScimTestClient.Reply rfc = client.list("nickName eq \"" + ADDRESS + "\"", null, null);
        assertThat(rfc.status()).isEqualTo(400);
        assertThat(rfc.json().get("scimType").stringValue()).isEqualTo("invalidFilter");
    }

    @Test
    void addressesCanBeComparedCaseSensitively() {
        String expected = seededUser(2).id();
        faults().filterAddressCase(AddressCase.SENSITIVE);

        for (String attribute : new String[] {"userName", "emails.value", "emails", "email"}) {
            assertFoundNothing(attribute + " eq \"USER00003@Example.Test\"");
            assertThat(client.idsMatching(attribute + " eq \"" + ADDRESS + "\"")).as(attribute).containsExactly(expected);
        }
        assertFoundNothing("userName sw \"USER0000\"");
        assertThat(client.idsMatching("userType eq \"REGISTERED\"")).as("other attributes keep their case rules").hasSize(25);

        faults().filterAddressCase(AddressCase.INSENSITIVE);
        assertThat(client.idsMatching("userName eq \"USER00003@Example.Test\"")).containsExactly(expected);
        assertThat(client.idsMatching("emails.value eq \"USER00003@Example.Test\"")).containsExactly(expected);
    }

    @Test
    void filtersCanBeNotImplemented() {
        faults().refuseFilters(FilterRefusal.NOT_IMPLEMENTED);

        ScimTestClient.Reply refused = client.list("userName eq \"" + ADDRESS + "\"", null, null);
        assertThat(refused.status()).isEqualTo(501);
        JsonNode error = refused.json();
        assertThat(error.get("schemas").get(0).stringValue()).isEqualTo(ScimJson.ERROR_SCHEMA);
        assertThat(error.get("status").stringValue()).isEqualTo("501");
        assertThat(client.list(null, null, null).status()).as("plain lists work").isEqualTo(200);
        assertThat(client.get("/ServiceProviderConfig").json().get("filter").get("supported").booleanValue()).isFalse();

        faults().refuseFilters(FilterRefusal.INVALID_FILTER);
        assertThat(client.list("userName eq \"" + ADDRESS + "\"", null, null).status()).isEqualTo(400);

        faults().refuseFilters(FilterRefusal.NONE);
        assertThat(client.idsMatching("userName eq \"" + ADDRESS + "\"")).hasSize(1);
        assertThat(client.get("/ServiceProviderConfig").json().get("filter").get("supported").booleanValue()).isTrue();
    }
}
