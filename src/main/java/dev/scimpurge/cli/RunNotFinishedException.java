package dev.scimpurge.cli;

/** A failure after a purge's job execution exists: the run did not finish, and restart continues it. */
final class RunNotFinishedException extends RuntimeException {

    RunNotFinishedException(RuntimeException cause) {
        super(cause.getMessage(), cause);
    }
}
