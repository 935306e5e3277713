package dev.scimpurge.sandbox;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Parses the RFC 7644 §3.4.2.2 filter subset the sandbox understands:
 * <pre>
 * filter     = or
 * or         = and *("or" and)
 * and        = unary *("and" unary)          ; "and" binds tighter than "or"
 * unary      = "not" "(" filter ")" / "(" filter ")" / comparison
 * comparison = attrPath "pr" / attrPath compareOp compValue
 * compValue  = JSON string / "true" / "false" / "null"
 * </pre>
 * Keywords, operators and attribute names are case-insensitive. A {@link FilterDialect} says how the server reads what
 * it parsed: which attributes match nothing, what an unknown attribute means, how addresses compare. One parser per
 * filter; not thread-safe.
 */
final class FilterParser {

    /** Bounds recursion so a hostile filter cannot exhaust the stack. */
    private static final int MAX_NESTING = 64;

    private final List<FilterToken> tokens;
    private final FilterDialect dialect;
    private int next;
    private int nesting;

    private FilterParser(List<FilterToken> tokens, FilterDialect dialect) {
        this.tokens = tokens;
        this.dialect = dialect;
    }

    /** Parses {@code filter} as RFC 7644 reads it. */
    static FilterExpression parse(String filter) {
        return parse(filter, FilterDialect.RFC);
    }

    /** @throws ScimException invalidFilter with a detail that says what is wrong and where */
    static FilterExpression parse(String filter, FilterDialect dialect) {
        if (filter == null || filter.isBlank()) {
            throw ScimException.invalidFilter("The filter is empty");
        }
        FilterParser parser = new FilterParser(new FilterLexer(filter).tokens(), dialect);
        FilterExpression expression = parser.or();
        FilterToken trailing = parser.peek();
        if (trailing.kind() != FilterToken.Kind.END) {
            throw ScimException.invalidFilter("Unexpected " + trailing.describe() + " at position "
                    + trailing.position() + "; expected 'and', 'or' or the end of the filter");
        }
        return expression;
    }

    private FilterExpression or() {
        FilterExpression left = and();
        while (peek().isWord("or")) {
            next++;
            left = new FilterExpression.Or(left, and());
        }
        return left;
    }

    private FilterExpression and() {
        FilterExpression left = unary();
        while (peek().isWord("and")) {
            next++;
            left = new FilterExpression.And(left, unary());
        }
        return left;
    }

    private FilterExpression unary() {
        FilterToken token = peek();
        if (token.kind() == FilterToken.Kind.OPEN) {
            next++;
            return parenthesized(token);
        }
        if (token.isWord("not") && peekAfter().kind() == FilterToken.Kind.OPEN) {
            next += 2;
            return new FilterExpression.Not(parenthesized(token));
        }
        return comparison();
    }

    private FilterExpression parenthesized(FilterToken opening) {
        if (++nesting > MAX_NESTING) {
            throw ScimException.invalidFilter("Parentheses are nested deeper than " + MAX_NESTING + " levels");
        }
        FilterExpression inner = or();
        nesting--;
        FilterToken closing = take();
        if (closing.kind() != FilterToken.Kind.CLOSE) {
            throw ScimException.invalidFilter("Expected ')' to close the group opened at position "
                    + opening.position() + " but found " + closing.describe() + " at position " + closing.position());
        }
        return inner;
    }

    private FilterExpression comparison() {
        FilterToken attributeToken = take();
        if (attributeToken.kind() != FilterToken.Kind.WORD) {
            throw ScimException.invalidFilter("Expected an attribute name at position " + attributeToken.position()
                    + " but found " + attributeToken.describe());
        }
        String attributeAsWritten = FilterAttribute.withoutSchemaPrefix(attributeToken.text());
        Optional<FilterAttribute> attribute = FilterAttribute.find(attributeToken.text());
        if (attribute.isEmpty() && dialect.unknownAttributes() == UnknownAttributeAnswer.INVALID_FILTER) {
            throw FilterAttribute.unsupported(attributeToken.text());
        }
        FilterOperator operator = operator(attributeToken);
        Object value = operator == FilterOperator.PR ? null : value(operator);
        attribute.ifPresent(known -> checkTypes(known, operator, value));
        if (attribute.isEmpty() || dialect.matchesNothingOn(attributeAsWritten)) {
            return new FilterExpression.NoMatch(attributeAsWritten);
        }
        if (operator == FilterOperator.PR) {
            return new FilterExpression.Present(attributeAsWritten, attribute.get());
        }
        return new FilterExpression.Comparison(attributeAsWritten, attribute.get(), operator, value,
                attribute.get().caseExact(dialect.addressCase()));
    }

    private FilterOperator operator(FilterToken attributeToken) {
        FilterToken token = take();
        if (token.kind() != FilterToken.Kind.WORD) {
            throw ScimException.invalidFilter("Expected an operator after '" + attributeToken.text()
                    + "' at position " + token.position() + " but found " + token.describe());
        }
        FilterOperator operator = FilterOperator.parse(token.text()).orElseThrow(() -> ScimException.invalidFilter(
                "Unknown operator '" + token.text() + "' at position " + token.position()
                        + "; expected eq, ne, co, sw, ew, gt, ge, lt, le or pr"));
        if (!operator.supported()) {
            throw ScimException.invalidFilter("Operator '" + operator.keyword() + "' at position " + token.position()
                    + " is not supported by the sandbox; use eq, ne, co, sw, ew or pr");
        }
        return operator;
    }

    /** @return a String, a Boolean or {@code null} */
    private @Nullable Object value(FilterOperator operator) {
        FilterToken token = take();
        if (token.kind() == FilterToken.Kind.STRING) {
            return token.text();
        }
        if (token.isWord("true")) {
            return Boolean.TRUE;
        }
        if (token.isWord("false")) {
            return Boolean.FALSE;
        }
        if (token.isWord("null")) {
            return null;
        }
        String hint = token.kind() == FilterToken.Kind.WORD ? " (strings must be in double quotes)" : "";
        throw ScimException.invalidFilter("Expected a value after '" + operator.keyword() + "' at position "
                + token.position() + " (a quoted string, true, false or null) but found " + token.describe() + hint);
    }

    private static void checkTypes(FilterAttribute attribute, FilterOperator operator, @Nullable Object value) {
        String name = attribute.scimName();
        if (operator.isSubstringMatch() && !(value instanceof String)) {
            throw ScimException.invalidFilter("Operator '" + operator.keyword() + "' needs a quoted string value");
        }
        if (attribute.isBoolean() && operator.isSubstringMatch()) {
            throw ScimException.invalidFilter("Operator '" + operator.keyword() + "' cannot be applied to the boolean"
                    + " attribute " + name + "; use eq or ne with true or false");
        }
        if (attribute.isBoolean() && value instanceof String) {
            throw ScimException.invalidFilter(name + " is a boolean; compare it with true or false without quotes");
        }
        if (!attribute.isBoolean() && value instanceof Boolean) {
            throw ScimException.invalidFilter(name + " is a string; compare it with a quoted value such as "
                    + name + " eq \"...\"");
        }
    }

    private FilterToken peek() {
        return tokens.get(next);
    }

    private FilterToken peekAfter() {
        return tokens.get(Math.min(next + 1, tokens.size() - 1));
    }

    /** Never moves past the END token, so callers can always describe what they found. */
    private FilterToken take() {
        FilterToken token = tokens.get(next);
        if (token.kind() != FilterToken.Kind.END) {
            next++;
        }
        return token;
    }
}
