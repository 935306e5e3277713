package dev.scimpurge.scim;

/** No usable answer: connection refused or reset, timeout, TLS failure. */
public final class ScimTransportException extends ScimException {

    public ScimTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
