package dev.scimpurge.cli;

/** The process exit codes, for cron and Kubernetes to decide on. Listed in --help and README. */
public final class ExitCodes {

    /** Every row ended deleted, already gone or as a duplicate. */
    public static final int SUCCESS = 0;
    /** The run completed, and some rows are in the failure report (not found, failed). */
    public static final int ITEMS_FAILED = 1;
    /** The job stopped before the end (server refused the credentials, unreachable, ...): restartable. */
    public static final int JOB_FAILED = 2;
    /** Reserved: a safety guard refused the run. */
    public static final int REFUSED_BY_GUARD = 3;
    /** Another process is running the same purge. */
    public static final int ALREADY_RUNNING = 4;
    /** {@code audit verify}: the outcome chain does not verify (a row was changed, added or removed); {@code history prune} refuses then. */
    public static final int CHAIN_BROKEN = 5;
    /** Wrong options or configuration, or a run that already completed: nothing was done. */
    public static final int USAGE = 64;

    static final String HELP_TEXT = """
            Exit codes:
              0   success: every row deleted, already gone or a duplicate
              1   completed, with rows in the failure report (not found, failed)
              2   the job stopped before the end; run the same command again to continue
              3   refused by a safety guard
              4   another process is running this purge
              5   audit verify: an outcome record was changed, added or removed
              64  usage or configuration error, or this run already completed; nothing was done""";

    private ExitCodes() {
    }
}
