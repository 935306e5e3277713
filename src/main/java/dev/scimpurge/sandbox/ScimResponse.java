package dev.scimpurge.sandbox;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An answer of the sandbox. Without a {@code Content-Type} header, a body is sent as {@code application/scim+json}.
 *
 * @param body {@code null} for responses without content (204)
 */
record ScimResponse(int status, byte @Nullable [] body, Map<String, String> headers) {

    static final String CONTENT_TYPE = "Content-Type";
    static final String PLAIN_JSON = "application/json";

    ScimResponse {
        headers = Map.copyOf(headers);
    }

    static ScimResponse json(int status, byte[] body) {
        return new ScimResponse(status, body, Map.of());
    }

    /** A body in a service's own JSON rather than SCIM's, e.g. an auth API or a vendor error format. */
    static ScimResponse plainJson(int status, byte[] body, Map<String, String> headers) {
        Map<String, String> withType = new HashMap<>(headers);
        withType.put(CONTENT_TYPE, PLAIN_JSON);
        return new ScimResponse(status, body, withType);
    }

    static ScimResponse noContent() {
        return new ScimResponse(204, null, Map.of());
    }
}
