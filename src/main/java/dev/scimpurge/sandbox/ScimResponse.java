package dev.scimpurge.sandbox;

import java.util.Map;

/**
 * @param body {@code null} for responses without content (204)
 */
record ScimResponse(int status, byte[] body, Map<String, String> headers) {

    ScimResponse {
        headers = Map.copyOf(headers);
    }

    static ScimResponse json(int status, byte[] body) {
        return new ScimResponse(status, body, Map.of());
    }

    static ScimResponse noContent() {
        return new ScimResponse(204, null, Map.of());
    }
}
