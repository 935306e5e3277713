package dev.scimpurge.sandbox;

import java.util.Objects;

/**
 * One request as it reached the sandbox. Headers are deliberately not kept so the bearer token never lands here.
 *
 * @param rawPath  the path exactly as received, still percent-encoded
 * @param rawQuery the query exactly as received, or {@code null} when there was none
 */
public record RecordedRequest(String method, String rawPath, String rawQuery) {

    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
    }

    /**
     * The request line's method and target as received: {@code "DELETE /scim/v2/Users/abc"}, or
     * {@code "GET /scim/v2/Users?filter=active%20eq%20false&count=100"} when there is a query.
     */
    public String line() {
        return method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }
}
