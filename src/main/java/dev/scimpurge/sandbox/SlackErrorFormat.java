package dev.scimpurge.sandbox;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's two error bodies: SCIM v1 answers {@code {"Errors": {"description": ..., "code": 400}}} (the shape the Slack
 * Python SDK's {@code SCIMResponse.errors} reads), SCIM v2 {@code {"schemas": [Error], "detail": "<code>", "status": 400}}
 * with a numeric status, as in Slack's documented example error.
 */
final class SlackErrorFormat implements ErrorFormat {

    enum Version {
        V1, V2
    }

    private final JsonMapper mapper;
    private final Version version;

    SlackErrorFormat(JsonMapper mapper, Version version) {
        this.mapper = mapper;
        this.version = version;
    }

    @Override
    public ScimResponse render(ScimException error, ScimRequest request) {
        ObjectNode node = mapper.createObjectNode();
        if (version == Version.V1) {
            node.putObject("Errors").put("description", error.detail()).put("code", error.status());
        } else {
            node.putArray("schemas").add(ScimJson.ERROR_SCHEMA);
            if (error.scimType() != null) {
                node.put("scimType", error.scimType());
            }
            node.put("detail", error.detail());
            node.put("status", error.status());
        }
        return new ScimResponse(error.status(), mapper.writeValueAsBytes(node), error.headers());
    }
}
