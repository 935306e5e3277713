package dev.scimpurge.scim;

/**
 * One request kept failing in transport (reset, timeout) through every attempt while the server
 * went on answering other requests: a failure of this row, not an outage. An outage is reported
 * as {@link ScimTransportException} and stops the job.
 */
public final class IsolatedTransportFailureException extends ScimException {

    public IsolatedTransportFailureException(ScimTransportException last, int attempts) {
        super(last.getMessage() + " (" + attempts + " attempts)", last);
    }
}
