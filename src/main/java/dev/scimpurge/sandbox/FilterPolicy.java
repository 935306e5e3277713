package dev.scimpurge.sandbox;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which filter attributes a SCIM base accepts, by their spelling in the filter: services support different subsets
 * (RFC 7644 §3.4.2.2 leaves that to them), and some spell the same attribute differently per API version.
 *
 * @param accepted lower-case spellings that are accepted; empty means every attribute the sandbox knows
 * @param rejected lower-case spellings that are refused even if known
 * @param hint     appended to the error detail, to say what works instead
 * @param sensitive refuse as Anaplan documents it, 404 with {@code scimType} {@code sensitive} ("Query filter involving
 *                  'name' is restricted or confidential"), rather than 400 {@code invalidFilter}
 */
record FilterPolicy(Set<String> accepted, Set<String> rejected, String hint, boolean sensitive) {

    FilterPolicy {
        accepted = lowerCase(accepted);
        rejected = lowerCase(rejected);
    }

    FilterPolicy(Set<String> accepted, Set<String> rejected, String hint) {
        this(accepted, rejected, hint, false);
    }

    /** Only these attributes; any other is refused with 404 {@code sensitive}, as Anaplan answers some filters. */
    static FilterPolicy onlyOnElse404Sensitive(String... spellings) {
        return new FilterPolicy(Set.of(spellings), Set.of(), "", true);
    }

    static FilterPolicy anyAttribute() {
        return new FilterPolicy(Set.of(), Set.of(), "");
    }

    static FilterPolicy onlyOn(String hint, String... spellings) {
        return new FilterPolicy(Set.of(spellings), Set.of(), hint);
    }

    static FilterPolicy rejecting(String hint, String... spellings) {
        return new FilterPolicy(Set.of(), Set.of(spellings), hint);
    }

    /** @throws ScimException invalidFilter naming the first attribute this base does not filter on */
    void check(FilterExpression filter) {
        filter.attributesAsWritten().filter(attribute -> !accepts(attribute)).findFirst().ifPresent(attribute -> {
            if (sensitive) {
                throw new ScimException(404, "sensitive", "Query filter involving '" + attribute + "' is restricted or confidential",
                        java.util.Map.of());
            }
            throw ScimException.invalidFilter("Filtering on '" + attribute + "' is not supported" + hint);
        });
    }

    private boolean accepts(String attributeAsWritten) {
        String spelling = attributeAsWritten.toLowerCase(Locale.ROOT);
        return !rejected.contains(spelling) && (accepted.isEmpty() || accepted.contains(spelling));
    }

    private static Set<String> lowerCase(Set<String> spellings) {
        return spellings.stream().map(spelling -> spelling.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
