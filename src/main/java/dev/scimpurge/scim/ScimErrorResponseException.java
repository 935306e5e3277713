package dev.scimpurge.scim;

import org.jspecify.annotations.Nullable;

/**
 * The server answered with an error status that concerns this request only (a 4xx other than
 * 401/403, or a 5xx). {@code detail} is the server's own message.
 */
public final class ScimErrorResponseException extends ScimException {

    /** The scimType of a refusal for confidentiality (RFC 7644 §3.12), which Anaplan sends with 404 on some filters. */
    public static final String SENSITIVE = "sensitive";

    private final int status;
    private final @Nullable String scimType;
    private final String detail;

    public ScimErrorResponseException(int status, @Nullable String scimType, String detail) {
        super("HTTP " + status + (scimType == null ? "" : " " + scimType) + ": " + detail);
        this.status = status;
        this.scimType = scimType;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public @Nullable String scimType() {
        return scimType;
    }

    public String detail() {
        return detail;
    }

    public boolean isInvalidFilter() {
        return status == 400 && "invalidFilter".equalsIgnoreCase(scimType);
    }

    /** A refusal for confidentiality: whatever its status (Anaplan sends 404), it never means "not found". */
    public boolean isSensitive() {
        return SENSITIVE.equalsIgnoreCase(scimType);
    }
}
