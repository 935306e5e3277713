package dev.scimpurge.job.guard;

import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A safety guard refused the run before its first removal. Exit code: refused by a safety guard.
 * {@link #refusal()} carries the figures the guard decided on, for those told of the refusal.
 */
public class RemovalGuardException extends RuntimeException {

    /** Which guard refused. */
    public enum Guard { MAX_DELETES, MAX_DELETE_PERCENT, NOT_CONFIRMED, KEEP_ONLY_MIN_MATCH, MAX_GROWTH, MAX_SHRINK_PERCENT, MAX_JUMP_PERCENT }

    /**
     * The figures of one refusal.
     *
     * @param directorySize the users in the directory, where the guard counted them (else null)
     * @param plan          the plan report written for the refusal (null when none was written)
     * @param release       what to change to go ahead, as options of the same command
     */
    public record Refusal(Guard guard, long planned, long maxDeletes, @Nullable Double maxDeletePercent, @Nullable Long directorySize,
            @Nullable Path plan, String release) {
    }

    private final transient @Nullable Refusal refusal;

    public RemovalGuardException(String message) {
        this(message, null);
    }

    public RemovalGuardException(String message, @Nullable Refusal refusal) {
        super(message);
        this.refusal = refusal;
    }

    /** Never null: every refusal is made with a message. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    /** The figures, or null where the refusal came without them. */
    public @Nullable Refusal refusal() {
        return refusal;
    }
}
