package dev.scimpurge.sandbox;

import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stack Overflow answers a failed DELETE or PATCH with {@code {"ErrorMessage": "..."}} rather than a SCIM error
 * (the reference script reads that field); everything else stays SCIM.
 */
final class StackOverflowErrorFormat implements ErrorFormat {

    private static final Set<String> METHODS = Set.of("DELETE", "PATCH");
    private static final Set<Integer> STATUSES = Set.of(400, 404, 500);

    private final ErrorFormat scim;
    private final JsonMapper mapper;

    StackOverflowErrorFormat(ErrorFormat scim, JsonMapper mapper) {
        this.scim = scim;
        this.mapper = mapper;
    }

    @Override
    public ScimResponse render(ScimException error, ScimRequest request) {
        if (!METHODS.contains(request.method()) || !STATUSES.contains(error.status())) {
            return scim.render(error, request);
        }
        byte[] body = mapper.writeValueAsBytes(mapper.createObjectNode().put("ErrorMessage", error.detail()));
        return ScimResponse.plainJson(error.status(), body, error.headers());
    }
}
