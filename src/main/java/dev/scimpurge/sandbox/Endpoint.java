package dev.scimpurge.sandbox;

/** One part of the sandbox's URL space, such as a SCIM base or a service's own auth or admin API. */
interface Endpoint {

    /** @param rawPath the request path, still percent-encoded */
    boolean serves(String rawPath);

    /** @throws ScimException for every error answer; {@link #errorResponse} renders it */
    ScimResponse respond(ScimRequest request);

    /** Renders an error the way the imitated service does. */
    ScimResponse errorResponse(ScimException error, ScimRequest request);
}
