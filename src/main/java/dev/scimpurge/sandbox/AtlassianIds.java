package dev.scimpurge.sandbox;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@link SandboxPersonality#ATLASSIAN} directory and organization, as they appear in its URLs. Both are limited
 * to URL-safe characters so they need no encoding.
 */
public record AtlassianIds(String directoryId, String orgId) {

    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    public AtlassianIds {
        requireUrlSafe(directoryId, "directoryId");
        requireUrlSafe(orgId, "orgId");
    }

    public static AtlassianIds defaults() {
        return new AtlassianIds("sandbox-directory", "sandbox-org");
    }

    private static void requireUrlSafe(String id, String name) {
        Objects.requireNonNull(id, name);
        if (!URL_SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    name + " must be letters, digits, '.', '_', '~' or '-', was '" + id + "'");
        }
    }
}
