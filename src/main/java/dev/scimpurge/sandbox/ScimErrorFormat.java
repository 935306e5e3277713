package dev.scimpurge.sandbox;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** RFC 7644 §3.12 error bodies. */
final class ScimErrorFormat implements ErrorFormat {

    private final JsonMapper mapper;

    ScimErrorFormat(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ScimResponse render(ScimException error, ScimRequest request) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("schemas").add(ScimJson.ERROR_SCHEMA);
        node.put("status", Integer.toString(error.status()));
        if (error.scimType() != null) {
            node.put("scimType", error.scimType());
        }
        node.put("detail", error.detail());
        return new ScimResponse(error.status(), mapper.writeValueAsBytes(node), error.headers());
    }
}
