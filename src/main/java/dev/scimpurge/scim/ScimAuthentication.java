package dev.scimpurge.scim;

import org.apache.hc.core5.http.HttpRequest;

/** How requests to the SCIM API are authorised. Implementations never expose the secret in toString. */
public interface ScimAuthentication {

    void authorize(HttpRequest request);

    /**
     * Called once when the server answered 401 to {@code rejected}: a scheme whose credentials
     * expire may renew them (unless another request already did) and return true, and the request
     * is sent once more. Static credentials return false.
     */
    default boolean renewAfterRejection(HttpRequest rejected) {
        return false;
    }
}
