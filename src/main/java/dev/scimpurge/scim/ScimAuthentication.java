package dev.scimpurge.scim;

import org.apache.hc.core5.http.HttpRequest;

/** How requests to the SCIM API are authorised. Implementations never expose the secret in toString. */
public interface ScimAuthentication {

    void authorize(HttpRequest request);
}
