package dev.scimpurge.cli;

import dev.scimpurge.job.RunRefusedException;

/**
 * The process exit codes, for cron and Kubernetes to decide on. Listed in every command's --help
 * and in the README.
 * <p>
 * A run stopped on request ({@code stop}, SIGTERM) exits like one that failed: with
 * {@link #JOB_FAILED}. Both leave a restartable execution, and whoever reads the code does the same
 * for both: continue it later. The output tells the two apart.
 */
public final class ExitCodes {

    /** Every row ended deleted, already gone or as a duplicate; for stop and abandon: done. */
    public static final int SUCCESS = 0;
    /** The run completed, and some rows are in the failure report (not found, not removed, drifted, failed). */
    public static final int ITEMS_FAILED = 1;
    /** The job did not finish (failed: credentials refused, unreachable, ...; or stopped on request): restartable. */
    public static final int JOB_FAILED = 2;
    /** A safety guard refused the run before its first removal (too many planned removals, not confirmed), or would refuse the dry-run one. */
    public static final int REFUSED_BY_GUARD = 3;
    /** Another process is running a purge of the same target (for stop: the run has not stopped yet). */
    public static final int ALREADY_RUNNING = 4;
    /** {@code audit verify}: the outcome chain does not verify (a row was changed, added or removed); {@code history prune} refuses then. */
    public static final int CHAIN_BROKEN = 5;
    /** Wrong options or configuration, or nothing to do (run completed, abandoned, no such execution): nothing was done. */
    public static final int USAGE = 64;

    /** The heading of the exit-code list every command's --help ends with (picocli's exitCodeListHeading). */
    static final String LIST_HEADING = "%nExit codes:%n";
    // The entries of the exit-code list (picocli's exitCodeList, "code:description"), inherited by every command.
    static final String LIST_SUCCESS = " 0:success: every row deleted, already gone or a duplicate (stop, abandon: done)";
    static final String LIST_ITEMS_FAILED = " 1:completed, with rows in the failure report (not found, not removed, drifted, failed)";
    static final String LIST_JOB_FAILED = " 2:the job did not finish: it failed, or was stopped (stop, SIGTERM), or the server "
            + "or the job database could not be reached; 'restart' or the same command continues it";
    static final String LIST_REFUSED_BY_GUARD = " 3:refused by a safety guard";
    static final String LIST_ALREADY_RUNNING = " 4:another purge of the same target is in progress (stop: the run has not stopped yet)";
    static final String LIST_CHAIN_BROKEN = " 5:audit verify: an outcome record was changed, added or removed";
    static final String LIST_USAGE = "64:usage or configuration error (a wrong token, URL or certificate, a CSV that is not "
            + "UTF-8, --lookup filter on a server whose filters miss a known account), or nothing to do (run completed or abandoned, no such execution, "
            + "not running); nothing was done";

    private ExitCodes() {
    }

    static int forRefusal(RunRefusedException.Reason reason) {
        return switch (reason) {
            case ALREADY_RUNNING -> ALREADY_RUNNING;
            case TARGET_UNREACHABLE -> JOB_FAILED;
            default -> USAGE;
        };
    }
}
