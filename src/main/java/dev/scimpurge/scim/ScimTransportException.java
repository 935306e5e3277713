package dev.scimpurge.scim;

/**
 * No usable answer: connection refused or reset, timeout, TLS failure; or, as {@link RequestNotSentException}, no
 * request at all, because the server was known to be down.
 */
public sealed class ScimTransportException extends ScimException permits RequestNotSentException {

    public ScimTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    ScimTransportException(String message) {
        super(message);
    }
}
