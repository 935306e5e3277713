package dev.scimpurge.audit;

/** What finally happened to one input row. Every row of a job instance ends in exactly one. */
public enum Outcome {
    /** The account was removed by this job. */
    DELETED(false),
    /** The account was already gone when this job, after a restart, removed it again. */
    ALREADY_GONE(false),
    /** The row repeats an earlier row of the same input, or names the same account; it was processed once, there. */
    DUPLICATE(false),
    /** The row matches a protected account (--protect, or the profile): no request was sent. */
    PROTECTED(false),
    /** A deactivated user was active again when re-read just before removal: left alone. */
    SKIPPED(false),
    /**
     * A keep-only run: an account of the directory that is not on the keep list but has no address to judge it by (and
     * the list names no account ids): listed for someone to look at, never removed.
     */
    KEPT_NO_ADDRESS(false),
    /**
     * A deactivated user the run could not show to have been deactivated for {@code --deactivated-for}: left alone, and
     * eligible from the date its message gives (a later run removes it then).
     */
    DEFERRED(false),
    /** Dry run: the account would be removed (of a restore: restored). */
    PLANNED(false),
    /** {@code restore}: an account an earlier execution removed was given back what the removal took (reactivated). */
    RESTORED(false),
    /**
     * {@code restore}: an account an earlier execution removed cannot be restored over SCIM (a hard delete, a service that
     * cannot reactivate, nothing kept to give back); what was kept of it is printed, to recreate it by hand.
     */
    NOT_RESTORABLE(true),
    /**
     * The removal answered success, but reading the account back (with {@code --verify all}) still found it there and,
     * on a service whose removal deactivates, active, after the profile's {@code verify.settle-within}: not removed.
     */
    NOT_REMOVED(true),
    /**
     * {@code --apply-plan}: the account changed since the plan was made (reactivated, another address or userName, no
     * longer found, its address now ambiguous): not removed, and reported, for a person to look at it and make a new plan.
     */
    DRIFTED(true),
    /** No account matches the row, or the server said 404 to a first removal. */
    NOT_FOUND(true),
    /** The row could not be acted on: invalid input, ambiguous match, or an error from the server. */
    FAILED(true);

    private final boolean reported;

    Outcome(boolean reported) {
        this.reported = reported;
    }

    /** Whether {@code stored} names one of these outcomes; an audit also meets values a later version writes. */
    public static boolean isKnown(String stored) {
        for (Outcome outcome : values()) {
            if (outcome.name().equals(stored)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the row belongs in the failure report. */
    public boolean isReported() {
        return reported;
    }
}
