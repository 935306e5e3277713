package dev.scimpurge.sandbox;

import java.util.Locale;
import java.util.Set;

/**
 * How one server reads filters: RFC 7644 §3.4.2.2 as {@link #RFC}, or bent by the filter knobs of
 * {@link SandboxFaults}.
 *
 * @param matchingNothing   lower-case spellings of attributes on which every comparison is false
 * @param unknownAttributes how a filter on an attribute the sandbox does not know is answered
 * @param addressCase       how {@code userName} and {@code emails} compare
 */
record FilterDialect(Set<String> matchingNothing, UnknownAttributeAnswer unknownAttributes, AddressCase addressCase) {

    static final FilterDialect RFC = new FilterDialect(Set.of(), UnknownAttributeAnswer.INVALID_FILTER, AddressCase.INSENSITIVE);

    FilterDialect {
        matchingNothing = Set.copyOf(matchingNothing);
    }

    boolean matchesNothingOn(String attributeAsWritten) {
        return matchingNothing.contains(attributeAsWritten.toLowerCase(Locale.ROOT));
    }
}
