package dev.scimpurge.scim;

/**
 * Builds SCIM filter expressions (RFC 7644 §3.4.2.2). Values are written as JSON strings, so
 * quotes, backslashes and control characters in an email can never change the expression.
 */
public final class ScimFilter {

    private ScimFilter() {
    }

    public static String eq(String attribute, String value) {
        return attribute + " eq " + jsonString(value);
    }

    public static String eq(String attribute, boolean value) {
        return attribute + " eq " + value;
    }

    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
