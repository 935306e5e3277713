package dev.scimpurge.sandbox;

import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/** A parsed SCIM filter, evaluated against one user at a time. */
sealed interface FilterExpression {

    boolean matches(SandboxUser user);

    /** Every attribute the filter mentions, spelled as written (schema URN removed). */
    Stream<String> attributesAsWritten();

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
        @Override
        public boolean matches(SandboxUser user) {
            return left.matches(user) && right.matches(user);
        }

        @Override
        public Stream<String> attributesAsWritten() {
            return Stream.concat(left.attributesAsWritten(), right.attributesAsWritten());
        }
    }

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
        @Override
        public boolean matches(SandboxUser user) {
            return left.matches(user) || right.matches(user);
        }

        @Override
        public Stream<String> attributesAsWritten() {
            return Stream.concat(left.attributesAsWritten(), right.attributesAsWritten());
        }
    }

    record Not(FilterExpression negated) implements FilterExpression {
        @Override
        public boolean matches(SandboxUser user) {
            return !negated.matches(user);
        }

        @Override
        public Stream<String> attributesAsWritten() {
            return negated.attributesAsWritten();
        }
    }

    record Present(String attributeAsWritten, FilterAttribute attribute) implements FilterExpression {
        @Override
        public boolean matches(SandboxUser user) {
            return !attribute.valuesOf(user).isEmpty();
        }

        @Override
        public Stream<String> attributesAsWritten() {
            return Stream.of(attributeAsWritten);
        }
    }

    /**
     * {@code attribute op value}; {@code value} is a String, a Boolean or {@code null}, already checked against the
     * attribute's type. A multi-valued attribute matches when any of its values does.
     *
     * @param caseExact whether strings compare exactly (RFC 7643 {@code caseExact}) or ignoring case
     */
    record Comparison(String attributeAsWritten, FilterAttribute attribute, FilterOperator operator, @Nullable Object value,
                      boolean caseExact) implements FilterExpression {

        @Override
        public boolean matches(SandboxUser user) {
            return switch (operator) {
                case EQ -> equalsValue(user);
                case NE -> !equalsValue(user);
                case CO, SW, EW -> attribute.valuesOf(user).stream().anyMatch(actual -> textMatches((String) actual));
                default -> throw new IllegalStateException("unsupported operator survived parsing: " + operator);
            };
        }

        @Override
        public Stream<String> attributesAsWritten() {
            return Stream.of(attributeAsWritten);
        }

        private boolean equalsValue(SandboxUser user) {
            var actualValues = attribute.valuesOf(user);
            return value == null
                    ? actualValues.isEmpty()
                    : actualValues.stream().anyMatch(this::equalsValue);
        }

        private boolean equalsValue(Object actual) {
            if (actual instanceof String actualText && value instanceof String expectedText) {
                return caseExact ? actualText.equals(expectedText) : actualText.equalsIgnoreCase(expectedText);
            }
            return actual.equals(value);
        }

        private boolean textMatches(String actual) {
            String haystack = normalized(actual);
            String needle = normalized((String) Objects.requireNonNull(value));
            return switch (operator) {
                case CO -> haystack.contains(needle);
                case SW -> haystack.startsWith(needle);
                case EW -> haystack.endsWith(needle);
                default -> throw new IllegalStateException("not a substring operator: " + operator);
            };
        }

        private String normalized(String text) {
            return caseExact ? text : text.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A comparison or presence test the server cannot evaluate, on an attribute it does not know or cannot compare
     * ({@link FilterDialect}): false for every user, so that alone it answers 200 with no results.
     */
    record NoMatch(String attributeAsWritten) implements FilterExpression {
        @Override
        public boolean matches(SandboxUser user) {
            return false;
        }

        @Override
        public Stream<String> attributesAsWritten() {
            return Stream.of(attributeAsWritten);
        }
    }
}
