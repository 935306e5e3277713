package dev.scimpurge.sandbox;

/**
 * What the sandbox's endpoints need to know about a request.
 *
 * @param rawPath       still percent-encoded, so that an encoded '/' inside an id is not mistaken for a separator
 * @param rawQuery      still percent-encoded; {@code null} when absent
 * @param authorization the Authorization header, or {@code null}
 */
record ScimRequest(String method, String rawPath, String rawQuery, String authorization, byte[] body) {
}
