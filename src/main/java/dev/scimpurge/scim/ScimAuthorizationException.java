package dev.scimpurge.scim;

/** 401 or 403: the credentials or their permissions are wrong. Not a per-user problem. */
public final class ScimAuthorizationException extends ScimException {

    private final int status;

    public ScimAuthorizationException(int status, String detail) {
        super(status == 401
                ? "The SCIM server rejected the credentials (HTTP 401: " + detail + "). Check the token."
                : "The SCIM server refused access (HTTP 403: " + detail + "). Check the token's permissions.");
        this.status = status;
    }

    public int status() {
        return status;
    }
}
