package dev.scimpurge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
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

    /** The SCIM schema extension that carries a directory user's Atlassian account id. */
    public static final String EXTERNAL_SCHEMA = "urn:scim:schemas:extension:atlassian-external:1.0";

    /**
     * The Atlassian account id (aaid) of the directory user whose SCIM id is {@code scimId}: a different value, as on
     * the real service, derived from it so it needs no storage. Half are the older 24 hex digits, half
     * {@code 712020:} and a UUID.
     */
    public static String accountIdOf(String scimId) {
        UUID derived = UUID.nameUUIDFromBytes(("aaid:" + scimId).getBytes(StandardCharsets.UTF_8));
        if ((derived.getLeastSignificantBits() & 1) == 0) {
            byte[] bytes = new byte[12];
            long bits = derived.getMostSignificantBits() ^ derived.getLeastSignificantBits();
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (bits >>> (8 * i));
            }
            for (int i = 8; i < 12; i++) {
                bytes[i] = (byte) (derived.getLeastSignificantBits() >>> (8 * (i - 4)));
            }
            return HexFormat.of().formatHex(bytes);
        }
        return "712020:" + derived;
    }

    private static void requireUrlSafe(String id, String name) {
        Objects.requireNonNull(id, name);
        if (!URL_SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    name + " must be letters, digits, '.', '_', '~' or '-', was '" + id + "'");
        }
    }
}
