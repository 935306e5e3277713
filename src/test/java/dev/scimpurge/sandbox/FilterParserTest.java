package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

    private static final SandboxUser ALICE = new SandboxUser("a1", "alice@example.test",
            List.of("alice@example.test", "Alice.Work@Example.test"), true, "Registered", List.of("workspace-1"));
    private static final SandboxUser BOB = new SandboxUser("b2", "bob@example.test",
            List.of("bob@example.test"), false, null, List.of());
    private static final SandboxUser QUOTED = new SandboxUser("q3", "say \"hi\"\\now", List.of(), true, "Guest",
            List.of());

    private static boolean matches(String filter, SandboxUser user) {
        return FilterParser.parse(filter).matches(user);
    }

    @Test
    void userNameEqualityIgnoresCase() {
        assertThat(matches("userName eq \"ALICE@example.test\"", ALICE)).isTrue();
        assertThat(matches("userName eq \"alice@example.test\"", BOB)).isFalse();
    }

    @Test
    void attributeNamesOperatorsAndKeywordsIgnoreCase() {
        assertThat(matches("USERNAME EQ \"alice@example.test\" AND ACTIVE Eq TRUE", ALICE)).isTrue();
        assertThat(matches("Active eq FALSE", ALICE)).isFalse();
    }

    @Test
    void emailSpellingsAllMatchAnyEmailIgnoringCase() {
        for (String attribute : List.of("emails.value", "emails", "email", "EMAILS.VALUE")) {
            assertThat(matches(attribute + " eq \"alice.work@example.TEST\"", ALICE)).as(attribute).isTrue();
            assertThat(matches(attribute + " eq \"alice.work@example.TEST\"", BOB)).as(attribute).isFalse();
        }
    }

    @Test
    void idIsCaseExact() {
        assertThat(matches("id eq \"a1\"", ALICE)).isTrue();
        assertThat(matches("id eq \"A1\"", ALICE)).isFalse();
    }

    @Test
    void fullyQualifiedAttributeNamesAreAccepted() {
        assertThat(matches("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bob@example.test\"", BOB))
                .isTrue();
    }

    @Test
    void escapedQuotesAndBackslashesAreDecoded() {
        assertThat(matches("userName eq \"say \\\"hi\\\"\\\\now\"", QUOTED)).isTrue();
        assertThat(matches("userName eq \"say \\\"hi\\\"\\\\Now\"", QUOTED)).isTrue();
        assertThat(matches("userName eq \"say \\\"hi\\\"now\"", QUOTED)).isFalse();
    }

    @Test
    void unicodeEscapesAreDecoded() {
        assertThat(matches("userName eq \"\\u0062ob@example.test\"", BOB)).isTrue();
    }

    @Test
    void nullMatchesAbsentAttributes() {
        assertThat(matches("userType eq null", BOB)).isTrue();
        assertThat(matches("userType eq null", ALICE)).isFalse();
        assertThat(matches("externalId eq null", ALICE)).isTrue();
        assertThat(matches("userType ne null", ALICE)).isTrue();
    }

    @Test
    void userTypeComparisonIgnoresCase() {
        assertThat(matches("userType eq \"registered\"", ALICE)).isTrue();
        assertThat(matches("userType eq \"Guest\"", ALICE)).isFalse();
    }

    @Test
    void andBindsTighterThanOr() {
        // a or (b and c): ALICE matches through the left branch although she is active.
        String filter = "userName eq \"alice@example.test\" or userName eq \"bob@example.test\" and active eq true";
        assertThat(matches(filter, ALICE)).isTrue();
        assertThat(matches(filter, BOB)).isFalse();
        // (a or b) and c: the parentheses make the active test apply to both names.
        String grouped = "(userName eq \"alice@example.test\" or userName eq \"bob@example.test\") and active eq false";
        assertThat(matches(grouped, ALICE)).isFalse();
        assertThat(matches(grouped, BOB)).isTrue();
    }

    @Test
    void notNegatesAGroup() {
        assertThat(matches("not (active eq true)", BOB)).isTrue();
        assertThat(matches("not(active eq true)", ALICE)).isFalse();
    }

    @Test
    void presenceAndSubstringOperators() {
        assertThat(matches("userType pr", ALICE)).isTrue();
        assertThat(matches("userType pr", BOB)).isFalse();
        assertThat(matches("emails co \"WORK@\"", ALICE)).isTrue();
        assertThat(matches("userName sw \"bob\"", BOB)).isTrue();
        assertThat(matches("userName ew \"@example.test\" and userName sw \"alice\"", BOB)).isFalse();
    }

    @Test
    void reportsAttributesAsWritten() {
        assertThat(FilterParser.parse("email eq \"x\" or (userName eq \"y\" and not(emails.value pr))")
                .attributesAsWritten()).containsExactly("email", "userName", "emails.value");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "userName",
            "userName eq",
            "userName eq alice",
            "userName eq \"alice",
            "userName eq \"bad \\q escape\"",
            "userName eq \"\\u00zz\"",
            "userName equals \"alice\"",
            "userName gt \"alice\"",
            "nickName eq \"alice\"",
            "(userName eq \"alice\"",
            "userName eq \"alice\")",
            "userName eq \"alice\" and",
            "userName eq \"alice\" userName eq \"bob\"",
            "active eq \"true\"",
            "userName eq true",
            "active co \"t\"",
            "userName co null",
            "emails[value eq \"alice\"]",
            "userName eq 42",
    })
    void rejectsMalformedFilters(String filter) {
        assertThatThrownBy(() -> FilterParser.parse(filter))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("invalidFilter");
                    assertThat(e.detail()).isNotBlank();
                });
    }

    @Test
    void errorDetailsSayWhatAndWhere() {
        assertThatThrownBy(() -> FilterParser.parse("userName eq alice"))
                .hasMessageContaining("position 13").hasMessageContaining("double quotes");
        assertThatThrownBy(() -> FilterParser.parse("nickName eq \"x\""))
                .hasMessageContaining("nickName").hasMessageContaining("emails.value");
        assertThatThrownBy(() -> FilterParser.parse("active eq \"false\""))
                .hasMessageContaining("boolean");
    }

    @Test
    void deeplyNestedFiltersAreRejectedInsteadOfOverflowingTheStack() {
        String filter = "(".repeat(10_000) + "active eq true" + ")".repeat(10_000);
        assertThatThrownBy(() -> FilterParser.parse(filter)).hasMessageContaining("nested");
    }
}
