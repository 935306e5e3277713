package dev.scimpurge.job;

/** What the holder of a target lock looks like from here: see {@link OwnerLiveness}. */
public enum Liveness {
    /** Its process runs (this host), or it renewed its lease within a renewal interval (another host). */
    ALIVE,
    /** On another host, it has missed a renewal but its lease has not expired yet: it may be gone, or only late. */
    LAPSING,
    /** Its process is gone (this host), or its lease has expired (another host). */
    GONE
}
