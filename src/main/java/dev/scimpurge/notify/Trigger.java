package dev.scimpurge.notify;

/** How a run ended, as far as telling someone goes; {@code notify.on} lists the ones to tell. */
public enum Trigger {
    /** A safety guard refused the run before its first removal (exit code 3). */
    REFUSED,
    /** The job failed (exit code 2), or it completed with rows that failed or were not found (exit code 1). */
    FAILED,
    /** Stopped on request (exit code 2). */
    STOPPED,
    /** Completed, every row settled (exit code 0). */
    COMPLETED
}
