package dev.scimpurge.scim;

import java.util.Objects;

/** Base of everything the SCIM client reports. Messages never carry credentials. */
public abstract sealed class ScimException extends RuntimeException
        permits ScimErrorResponseException, ScimAuthorizationException, ScimTransportException, ScimProtocolException,
        IsolatedTransportFailureException {

    protected ScimException(String message) {
        super(message);
    }

    protected ScimException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Never null: every SCIM exception is made with a message. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
