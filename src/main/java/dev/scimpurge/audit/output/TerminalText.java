package dev.scimpurge.audit.output;

import org.jspecify.annotations.Nullable;

/**
 * Text from outside (input values, server messages) made safe for a terminal: control characters,
 * and the bidirectional overrides that make text read differently from what it is, become
 * {@code \\uXXXX} escapes, so that an escape sequence cannot rewrite an auditor's screen.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static @Nullable String printable(@Nullable String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = Character.isISOControl(c) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if (escape && safe == null) {
                safe = new StringBuilder(text.substring(0, i));
            }
            if (safe != null) {
                safe.append(escape ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return safe == null ? text : safe.toString();
    }
}
