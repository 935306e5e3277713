package dev.scimpurge.scim;

/** The server answered, but not with the SCIM JSON the protocol requires. */
public final class ScimProtocolException extends ScimException {

    public ScimProtocolException(String message) {
        super(message);
    }
}
