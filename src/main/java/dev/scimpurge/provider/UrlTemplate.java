package dev.scimpurge.provider;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.scimpurge.scim.ScimBaseUrl;

/**
 * Expands {@code {name}} placeholders in a profile's URL templates. {@code {url}} and
 * {@code {base}} are inserted as they are; every other value (ids, directory and org ids) is
 * encoded as a single path segment, so no value can change the path around it.
 */
final class UrlTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private UrlTemplate() {
    }

    static String expand(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + name + "} in " + template);
            }
            String expanded = name.equals("url") || name.equals("base") ? value : ScimBaseUrl.pathSegment(value);
            m.appendReplacement(out, Matcher.quoteReplacement(expanded));
        }
        m.appendTail(out);
        return out.toString();
    }
}
