package dev.scimpurge.sandbox;

/** How a SCIM base spells its error responses. */
interface ErrorFormat {

    ScimResponse render(ScimException error, ScimRequest request);
}
