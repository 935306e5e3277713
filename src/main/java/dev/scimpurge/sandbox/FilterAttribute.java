package dev.scimpurge.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The User attributes the sandbox can filter on, with their RFC 7643 type and case sensitivity. */
enum FilterAttribute {

    USER_NAME("userName", false, user -> List.of(user.userName())),
    EMAILS("emails.value", false, user -> List.copyOf(user.emails()), "emails", "email"),
    ID("id", true, user -> List.of(user.id())),
    EXTERNAL_ID("externalId", true, user -> user.externalId() == null ? List.of() : List.of(user.externalId())),
    ACTIVE("active", true, user -> List.of(user.active())),
    USER_TYPE("userType", false, user -> user.userType() == null ? List.of() : List.of(user.userType()));

    private static final String CORE_USER_SCHEMA_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:user:";
    private static final Map<String, FilterAttribute> BY_LOWERCASE_NAME = Arrays.stream(values())
            .flatMap(attribute -> attribute.spellings().map(name -> Map.entry(name.toLowerCase(Locale.ROOT), attribute)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final String scimName;
    private final boolean caseExact;
    private final Function<SandboxUser, List<Object>> values;
    private final List<String> aliases;

    FilterAttribute(String scimName, boolean caseExact, Function<SandboxUser, List<Object>> values,
                    String... aliases) {
        this.scimName = scimName;
        this.caseExact = caseExact;
        this.values = values;
        this.aliases = List.of(aliases);
    }

    /** The attribute name without its optional core User schema URN, as a filter or patch path spells it. */
    static String withoutSchemaPrefix(String attributePath) {
        return attributePath.toLowerCase(Locale.ROOT).startsWith(CORE_USER_SCHEMA_PREFIX)
                ? attributePath.substring(CORE_USER_SCHEMA_PREFIX.length())
                : attributePath;
    }

    /** The attribute {@code attributePath} names, spelled in any case, with or without the core User schema URN. */
    static Optional<FilterAttribute> find(String attributePath) {
        return Optional.ofNullable(BY_LOWERCASE_NAME.get(withoutSchemaPrefix(attributePath).toLowerCase(Locale.ROOT)));
    }

    /** The RFC 7644 answer to a filter on an attribute the sandbox does not know. */
    static ScimException unsupported(String attributePath) {
        return ScimException.invalidFilter("Unsupported filter attribute '" + attributePath
                + "'; the sandbox can filter on " + supportedNames());
    }

    String scimName() {
        return scimName;
    }

    boolean isBoolean() {
        return this == ACTIVE;
    }

    /** The attribute's values on {@code user}: Strings, or one Boolean for {@code active}; empty when absent. */
    List<Object> valuesOf(SandboxUser user) {
        return values.apply(user);
    }

    /**
     * Whether its string values compare exactly: RFC 7643's {@code caseExact}, or true for {@code userName} and
     * {@code emails} when a server compares addresses case-sensitively.
     */
    boolean caseExact(AddressCase addressCase) {
        return caseExact || (addressCase == AddressCase.SENSITIVE && (this == USER_NAME || this == EMAILS));
    }

    private Stream<String> spellings() {
        return Stream.concat(Stream.of(scimName), aliases.stream());
    }

    private static String supportedNames() {
        return Arrays.stream(values())
                .map(attribute -> attribute.aliases.isEmpty()
                        ? attribute.scimName
                        : attribute.scimName + " (also " + String.join(", ", attribute.aliases) + ")")
                .collect(Collectors.joining(", "));
    }
}
