package dev.scimpurge.sandbox;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Percent-encoding for path segments and query strings. */
final class UrlCodec {

    private UrlCodec() {
    }

    /**
     * Decodes one raw path segment. Unlike a query, a path keeps '+' literal.
     *
     * @throws ScimException invalidSyntax for malformed percent-escapes
     */
    static String decodePathSegment(String rawSegment) {
        try {
            return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidSyntax("Malformed percent-encoding in path segment '" + rawSegment + "'");
        }
    }

    static String encodePathSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Decodes a raw query ({@code application/x-www-form-urlencoded}: '+' is a space). Parameter names are
     * lower-cased; the first occurrence of a name wins.
     *
     * @throws ScimException invalidSyntax for malformed percent-escapes
     */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQueryPart(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQueryPart(pair.substring(equals + 1));
            parameters.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
        }
        return parameters;
    }

    private static String decodeQueryPart(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidSyntax("Malformed percent-encoding in query '" + raw + "'");
        }
    }
}
