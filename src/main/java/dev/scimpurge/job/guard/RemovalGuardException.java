package dev.scimpurge.job.guard;

/** A safety guard refused the run before its first removal. Exit code: refused by a safety guard. */
public class RemovalGuardException extends RuntimeException {

    public RemovalGuardException(String message) {
        super(message);
    }
}
