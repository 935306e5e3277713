package dev.scimpurge.monitoring;

/** How a run shows its progress: the command line decides, from --quiet and whether it has a terminal. */
public enum ProgressMode {
    /** A progress bar with rate and ETA, redrawn in place: someone is watching. */
    BAR,
    /** A log line every {@code scim-purge.progress.interval}: the output goes to a log (cron, Kubernetes). */
    LINES,
    /** Nothing (--quiet). */
    NONE
}
