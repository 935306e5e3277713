package dev.scimpurge.job.purge;

/**
 * A removal not sent because the run is ending on a failure ({@link RemovalPipeline#halt}): an earlier chunk failed,
 * or this run's lease on its target was lost. Like a request held back during an outage, it cannot have taken effect
 * at the server; the failure that ended the run is the one reported.
 */
final class RemovalHeldBackException extends RuntimeException {

    RemovalHeldBackException() {
        super("removal held back: the run is ending on an earlier failure", null, false, false);
    }
}
