package dev.scimpurge.sandbox;

/** A service that never deletes users over SCIM (Anaplan): DELETE is 501, PATCH works. */
final class NoDeleteUserWrites implements UserWrites {

    static final String NOT_SUPPORTED = "The requested operation is not supported by the service provider.";

    @Override
    public ScimResponse delete(String id) {
        throw ScimException.of(501, NOT_SUPPORTED);
    }
}
