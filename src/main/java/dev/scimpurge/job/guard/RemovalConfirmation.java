package dev.scimpurge.job.guard;

/** Asks a person before the first removal of a real run. The command line decides how (a terminal prompt, or --yes). */
public interface RemovalConfirmation {

    /**
     * @return true to go ahead; false (declined) stops the run before any removal
     * @throws RemovalGuardException when there is no one to ask and no standing permission
     */
    boolean confirm(String targetHost, long plannedRemovals, String verb);
}
