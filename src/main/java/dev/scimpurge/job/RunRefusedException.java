package dev.scimpurge.job;

/** The run was not started, for a reason the operator can act on. */
public class RunRefusedException extends RuntimeException {

    public enum Reason {
        /** This exact run (same target, input and run id) already completed. */
        ALREADY_COMPLETED,
        /** Another live process is running this job instance. */
        ALREADY_RUNNING,
        /** The execution was abandoned and must not be restarted. */
        ABANDONED,
        /** The execution asked for is not in the job database. */
        NO_SUCH_EXECUTION,
        /** The request does not apply to the execution's state (stopping one that is not running, ...). */
        NOT_APPLICABLE,
        /** The target refused the credentials, is not a SCIM server at that URL, or its certificate is not trusted. */
        TARGET_MISCONFIGURED,
        /** The target could not be reached or did not answer; it may later. */
        TARGET_UNREACHABLE
    }

    private final Reason reason;

    public RunRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
