package dev.scimpurge.job.guard;

import java.nio.file.Path;

/**
 * A safety guard refused the run before its first removal. Exit code: refused by a safety guard.
 * {@link #refusal()} carries the figures the guard decided on, for those told of the refusal.
 */
public class RemovalGuardException extends RuntimeException {

    /** Which guard refused. */
    public enum Guard { MAX_DELETES, MAX_DELETE_PERCENT, NOT_CONFIRMED, KEEP_ONLY_MIN_MATCH }

    /**
     * The figures of one refusal.
     *
     * @param directorySize the users in the directory, where the guard counted them (else null)
     * @param plan          the plan report written for the refusal (null when none was written)
     * @param release       what to change to go ahead, as options of the same command
     */
    public record Refusal(Guard guard, long planned, long maxDeletes, Double maxDeletePercent, Long directorySize, Path plan,
            String release) {
    }

    private final transient Refusal refusal;

    public RemovalGuardException(String message) {
        this(message, null);
    }

    public RemovalGuardException(String message, Refusal refusal) {
        super(message);
        this.refusal = refusal;
    }

    /** The figures, or null where the refusal came without them. */
    public Refusal refusal() {
        return refusal;
    }
}
