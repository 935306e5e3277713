package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.scimpurge.scim.ScimFilter;

/** Whatever an address contains, the escaped {@code attr eq "..."} the client sends parses back to that very value. */
class FilterEscapingProperties {

    @Property(tries = 2000)
    void anyValueParsesBackUnchanged(@ForAll("attributes") String attribute, @ForAll("values") String value) {
        FilterExpression parsed = FilterParser.parse(ScimFilter.eq(attribute, value));

        assertThat(parsed).isInstanceOfSatisfying(FilterExpression.Comparison.class, comparison -> {
            assertThat(comparison.attributeAsWritten()).isEqualTo(attribute);
            assertThat(comparison.operator()).isEqualTo(FilterOperator.EQ);
            assertThat(comparison.value()).isEqualTo(value);
        });
    }

    @Provide
    Arbitrary<String> attributes() {
        return Arbitraries.of("userName", "emails.value", "emails", "externalId");
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> filterSyntax = Arbitraries.of("\"", "\\", "\\\"", "\" or userName pr or \"", ")", "(", " and ", "[", "]",
                "\\u0022", "\u0000", "\u001f", "\u007f", "\u2028", "a@b.io").list().ofMaxSize(6).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(anyChars, filterSyntax);
    }
}
