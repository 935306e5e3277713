package dev.scimpurge.sandbox;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** Ends request handling with a SCIM error response (RFC 7644 §3.12). */
final class ScimException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final @Nullable String scimType;
    private final Map<String, String> headers;

    ScimException(int status, @Nullable String scimType, String detail, Map<String, String> headers) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.status = status;
        this.scimType = scimType;
        this.headers = Map.copyOf(headers);
    }

    static ScimException of(int status, String detail) {
        return new ScimException(status, null, detail, Map.of());
    }

    static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail, Map.of());
    }

    static ScimException invalidFilter(String detail) {
        return badRequest("invalidFilter", detail);
    }

    static ScimException invalidSyntax(String detail) {
        return badRequest("invalidSyntax", detail);
    }

    static ScimException invalidPath(String detail) {
        return badRequest("invalidPath", detail);
    }

    static ScimException invalidValue(String detail) {
        return badRequest("invalidValue", detail);
    }

    static ScimException noTarget(String detail) {
        return badRequest("noTarget", detail);
    }

    static ScimException notFound(String detail) {
        return of(404, detail);
    }

    static ScimException userNotFound(String id) {
        return notFound("User " + id + " not found");
    }

    static ScimException methodNotAllowed(String method, String allowed) {
        return new ScimException(405, null, "Method " + method + " is not allowed here; allowed: " + allowed,
                Map.of("Allow", allowed));
    }

    static ScimException unauthorized() {
        return unauthorized("Bearer", "Missing or invalid bearer token");
    }

    /** @param scheme the authentication scheme the client should use, for {@code WWW-Authenticate} */
    static ScimException unauthorized(String scheme, String detail) {
        return new ScimException(401, null, detail, Map.of("WWW-Authenticate", scheme + " realm=\"scim-sandbox\""));
    }

    static ScimException tooManyRequests(int retryAfterSeconds) {
        return new ScimException(429, null, "Too many requests; retry after " + retryAfterSeconds + " s",
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    int status() {
        return status;
    }

    /** {@code null} when the error has no SCIM detail error keyword. */
    @Nullable String scimType() {
        return scimType;
    }

    String detail() {
        return Objects.requireNonNull(getMessage());
    }

    Map<String, String> headers() {
        return headers;
    }
}
