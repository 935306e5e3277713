package dev.scimpurge.sandbox;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@link SandboxPersonality#ATLASSIAN} directory and organization, as they appear in its URLs, and the
 * organisation API key its admin API takes (the SCIM directory takes the directory API key, the sandbox's token).
 * The ids are limited to URL-safe characters so they need no encoding.
 */
public record AtlassianIds(String directoryId, String orgId, String orgApiKey) {

    /** The environment variable scim-purge reads the organisation API key from, for onlyDeleteUserInDB. */
    public static final String ORG_API_KEY_VARIABLE = "ATLASSIAN_ORG_API_KEY";
    static final String DEFAULT_ORG_API_KEY = "sandbox-org-api-key";

    public AtlassianIds(String directoryId, String orgId) {
        this(directoryId, orgId, DEFAULT_ORG_API_KEY);
    }

    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    public AtlassianIds {
        requireUrlSafe(directoryId, "directoryId");
        requireUrlSafe(orgId, "orgId");
        Objects.requireNonNull(orgApiKey, "orgApiKey");
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
