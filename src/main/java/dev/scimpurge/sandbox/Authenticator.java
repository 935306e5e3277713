package dev.scimpurge.sandbox;

/** Checks the Authorization header of a request to a SCIM base. */
interface Authenticator {

    /** @throws ScimException 401, whose detail never repeats what was presented */
    void authenticate(String authorization);

    /** How the scheme is described in {@code /ServiceProviderConfig}. */
    AuthenticationScheme scheme();
}
