package dev.scimpurge.sandbox;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Splits a SCIM filter into tokens; string literals are JSON strings and their escapes are decoded here. */
final class FilterLexer {

    private final String filter;
    private int index;

    FilterLexer(String filter) {
        this.filter = filter;
    }

    /** @throws ScimException invalidFilter for unterminated strings, bad escapes and value paths */
    List<FilterToken> tokens() {
        List<FilterToken> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= filter.length()) {
                tokens.add(new FilterToken(FilterToken.Kind.END, "", index + 1));
                return tokens;
            }
            char c = filter.charAt(index);
            if (c == '(') {
                tokens.add(new FilterToken(FilterToken.Kind.OPEN, "(", ++index));
            } else if (c == ')') {
                tokens.add(new FilterToken(FilterToken.Kind.CLOSE, ")", ++index));
            } else if (c == '"') {
                tokens.add(stringLiteral());
            } else if (c == '[' || c == ']') {
                throw ScimException.invalidFilter("Value filters such as emails[value eq \"...\"] are not supported"
                        + " by the sandbox (position " + (index + 1) + "); use emails.value eq \"...\" instead");
            } else {
                tokens.add(word());
            }
        }
    }

    private void skipWhitespace() {
        while (index < filter.length() && Character.isWhitespace(filter.charAt(index))) {
            index++;
        }
    }

    private FilterToken word() {
        int start = index;
        while (index < filter.length() && !endsWord(filter.charAt(index))) {
            index++;
        }
        return new FilterToken(FilterToken.Kind.WORD, filter.substring(start, index), start + 1);
    }

    private static boolean endsWord(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '"' || c == '[' || c == ']';
    }

    private FilterToken stringLiteral() {
        int start = index;
        index++; // opening quote
        StringBuilder text = new StringBuilder();
        while (index < filter.length()) {
            char c = filter.charAt(index++);
            if (c == '"') {
                return new FilterToken(FilterToken.Kind.STRING, text.toString(), start + 1);
            }
            if (c == '\\') {
                text.append(escape(start));
            } else {
                text.append(c);
            }
        }
        throw ScimException.invalidFilter("Unterminated string starting at position " + (start + 1)
                + "; close it with a double quote and escape inner quotes as \\\"");
    }

    private char escape(int literalStart) {
        if (index >= filter.length()) {
            throw ScimException.invalidFilter("Unterminated string starting at position " + (literalStart + 1));
        }
        char escaped = filter.charAt(index++);
        switch (escaped) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u': return unicodeEscape();
            default:
                throw ScimException.invalidFilter("Invalid escape \\" + escaped + " at position " + (index - 1)
                        + "; JSON strings allow \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX");
        }
    }

    private char unicodeEscape() {
        int start = index;
        if (start + 4 > filter.length()) {
            throw ScimException.invalidFilter("Incomplete \\u escape at position " + (start - 1));
        }
        String hex = filter.substring(start, start + 4);
        index += 4;
        if (!hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw ScimException.invalidFilter("Invalid \\u escape '\\u" + hex + "' at position " + (start - 1));
        }
        return (char) HexFormat.fromHexDigits(hex);
    }
}
