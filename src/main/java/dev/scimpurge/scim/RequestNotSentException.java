package dev.scimpurge.scim;

/**
 * The request was held back, never sent: {@link TransportHealth} already counted the server as down. Unlike the
 * other transport failures, it cannot have taken effect at the server.
 */
public final class RequestNotSentException extends ScimTransportException {

    RequestNotSentException(String host, String outage) {
        super(host + " stopped answering: " + outage + "; nothing more is sent to it");
    }
}
