package dev.scimpurge.audit;

/** The machine-readable reason codes that outcomes and reports carry. */
public final class Reasons {

    public static final String REMOVED = "removed";
    public static final String REMOVED_BEFORE_RESTART = "removed_before_restart";
    public static final String DUPLICATE_ROW = "duplicate_row";
    public static final String SAME_ACCOUNT = "same_account";
    public static final String PROTECTED = "protected";
    public static final String PROTECTED_AFTER_SENDING = "protected_after_sending";
    public static final String REACTIVATED = "reactivated";
    public static final String DRY_RUN = "dry_run";
    public static final String NO_ADDRESS = "no_address";
    /** A retry run: the row's input can no longer be acted on (no account id, and not an address). */
    public static final String NOT_RETRYABLE = "not_retryable";
    /** {@code --apply-plan}: the account is not as the plan read it (the message says what changed). */
    public static final String CHANGED_SINCE_PLAN = "changed_since_plan";
    public static final String GRACE_PERIOD = "grace_period";
    /** A restore: the account was given back what its removal took (reactivated, its entitlements put back). */
    public static final String RESTORED = "restored";
    /** A restore: the removal cannot be undone over SCIM (a hard delete, a service that cannot reactivate). */
    public static final String IRREVERSIBLE = "irreversible";
    /** A restore: the removal could be undone only with what was read before it, and nothing was kept. */
    public static final String NOTHING_KEPT = "nothing_kept";
    /** A restore: the account was deactivated already when read before its removal; reactivating it would not restore it. */
    public static final String WAS_DEACTIVATED = "was_deactivated";
    /** A restore's dry run: the account would be restored. */
    public static final String RESTORE_PLANNED = "restore_planned";
    /** A restore: the server refused or did not answer the restoring request. */
    public static final String RESTORE_FAILED = "restore_failed";
    public static final String INVALID_EMAIL = "invalid_email";
    public static final String LINE_TOO_LONG = "line_too_long";
    public static final String MISSING_COLUMN = "missing_column";
    public static final String INVALID_ACCOUNT_ID = "invalid_account_id";
    public static final String EMAIL_NOT_FOUND = "email_not_found";
    /** No user of the directory carries the account id (Atlassian's aaid) the input named. */
    public static final String ACCOUNT_ID_NOT_FOUND = "account_id_not_found";
    public static final String AMBIGUOUS = "ambiguous";
    public static final String LOOKUP_FAILED = "lookup_failed";
    public static final String LOOKUP_UNRELIABLE = "lookup_unreliable";
    public static final String NOT_FOUND_ON_REMOVAL = "not_found_on_removal";
    public static final String SERVER_REJECTED = "server_rejected";
    public static final String BAD_RESPONSE = "bad_response";
    public static final String NO_ANSWER = "no_answer";
    /** The removal answered success, and a read afterwards still found the account (active, where removal deactivates). */
    public static final String STILL_PRESENT = "still_present";

    private Reasons() {
    }
}
