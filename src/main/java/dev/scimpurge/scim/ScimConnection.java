package dev.scimpurge.scim;

/** Where the SCIM API is and how to authenticate to it: the run's target, handed over by the command line. */
public record ScimConnection(ScimBaseUrl baseUrl, ScimAuthentication authentication) {
}
