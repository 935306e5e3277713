package dev.scimpurge.provider;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What "restore" means at a service for one removal kind: a PatchOp that reactivates or gives back what the removal took,
 * or nothing, for a removal that cannot be undone. A refusal by the server is thrown as {@code ScimErrorResponseException}.
 */
public interface AccountRestore {

    /**
     * @param kept the account's resource as read before its removal, or null when nothing was kept
     */
    Result restore(String accountId, @Nullable JsonNode kept);

    /**
     * Why {@link #restore} would send nothing for an account of which {@code kept} was kept, as it would say it; null when
     * it would send a request. Sends nothing itself: a dry run asks it, to say what the real restore will do.
     */
    @Nullable NotRestorable refusal(@Nullable JsonNode kept);

    /** Whether a restore of this kind sends anything; a dry run and the confirmation count only those that do. */
    default boolean sends() {
        return irreversible() == null;
    }

    /** Why a removal of this kind cannot be undone, and what to do instead; null when it can be. */
    @Nullable String irreversible();

    /** Whether it can restore only with the resource kept before the removal (it gives back what the removal took). */
    default boolean needsKept() {
        return false;
    }

    /** What a restore came to. */
    sealed interface Result {
    }

    /** @param status the HTTP status of the answer; @param what what was done, for the audit */
    record Restored(int status, String what) implements Result {
    }

    /**
     * @param why    why it cannot be restored, and what to do instead
     * @param reason the outcome's reason code ({@code dev.scimpurge.audit.Reasons})
     */
    record NotRestorable(String why, String reason) implements Result {
    }
}
