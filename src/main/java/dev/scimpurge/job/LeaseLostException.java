package dev.scimpurge.job;

/**
 * This run no longer holds its target's lock (another process took it over, counting this run as gone), or could not
 * renew it: it must not send another removal. Stops the job; the message says why.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String message) {
        super(message);
    }
}
