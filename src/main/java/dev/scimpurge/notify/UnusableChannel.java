package dev.scimpurge.notify;

/**
 * A destination whose settings cannot work (an email without an SMTP server, a URL that is not
 * HTTP): every delivery fails with the reason, so that a mistake in the notifications' settings is
 * told in the run's log and never stops the purge itself.
 */
record UnusableChannel(String describe, String reason) implements Channel {

    @Override
    public void deliver(RunNotice notice) {
        throw new IllegalStateException(reason);
    }
}
