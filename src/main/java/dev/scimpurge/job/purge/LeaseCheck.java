package dev.scimpurge.job.purge;

/** Whether this run may still send removals: it holds its target's lock, under a lease renewed just now. */
@FunctionalInterface
public interface LeaseCheck {

    /** Renews the lease, or throws if the lock is no longer this run's (taken over) or the job database cannot say. */
    void confirmHeld();
}
