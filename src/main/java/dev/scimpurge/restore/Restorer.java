package dev.scimpurge.restore;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.purge.KeptResources;
import dev.scimpurge.provider.AccountRestore;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;

/**
 * Restores one removed account with the removal's {@link AccountRestore}: a 5xx or a lost answer is retried, a refusal
 * or an unreadable answer fails that account only; a server that does not answer at all, and authorization errors, are
 * thrown and end the restore.
 */
public final class Restorer {

    private final AccountRestore restore;
    private final KeptResources kept;
    private final Retrying retrying;
    private final JsonMapper mapper;
    private final long purgeExecutionId;

    public Restorer(AccountRestore restore, KeptResources kept, Retrying retrying, JsonMapper mapper, long purgeExecutionId) {
        this.restore = restore;
        this.kept = kept;
        this.retrying = retrying;
        this.mapper = mapper;
        this.purgeExecutionId = purgeExecutionId;
    }

    /** What was kept of the account before its removal. */
    public Optional<KeptResources.Read> keptOf(RemovedAccount account) {
        return kept.latest(account.jobInstanceId(), account.seq());
    }

    /**
     * What a restore would do, for a dry run: planned where it would send a request, else not restorable.
     *
     * @param seq the row's number within the restore
     */
    public ItemOutcome plan(long seq, RemovedAccount account) {
        Optional<KeptResources.Read> read = keptOf(account);
        if (!restore.sends()) {
            return notRestorable(seq, account, Objects.requireNonNullElse(restore.irreversible(), "cannot be restored"),
                    Reasons.IRREVERSIBLE, read);
        }
        if (restore.needsKept() && read.isEmpty()) {
            return notRestorable(seq, account, "it needs what was read of the account before its removal", Reasons.NOTHING_KEPT, read);
        }
        AccountRestore.NotRestorable not = restore.refusal(read.map(r -> mapper.readTree(r.json())).orElse(null));
        if (not != null) {
            return notRestorable(seq, account, not.why(), not.reason(), read);
        }
        return outcome(seq, account, Outcome.PLANNED, Reasons.RESTORE_PLANNED, null, "dry run: would be restored; nothing sent");
    }

    /** Whether restoring this account sends a request (what the dry run plans); the guards and the confirmation count those. */
    public boolean sendsFor(RemovedAccount account) {
        return plan(0, account).outcome() == Outcome.PLANNED;
    }

    /** Restores one account and says how it went. */
    public ItemOutcome restore(long seq, RemovedAccount account) {
        Optional<KeptResources.Read> read = keptOf(account);
        JsonNode resource = read.map(r -> mapper.readTree(r.json())).orElse(null);
        AccountRestore.Result result;
        try {
            result = retrying.call(attempt -> restore.restore(account.accountId(), resource));
        } catch (ScimErrorResponseException e) {
            return outcome(seq, account, Outcome.FAILED, Reasons.RESTORE_FAILED, e.status(), "not restored: " + e.detail());
        } catch (IsolatedTransportFailureException | ScimProtocolException e) {
            return outcome(seq, account, Outcome.FAILED, Reasons.RESTORE_FAILED, null, "not restored: " + e.getMessage());
        }
        if (result instanceof AccountRestore.Restored restored) {
            return outcome(seq, account, Outcome.RESTORED, Reasons.RESTORED, restored.status(),
                    "restored (removed by execution " + purgeExecutionId + "): " + restored.what());
        }
        AccountRestore.NotRestorable not = (AccountRestore.NotRestorable) result;
        return notRestorable(seq, account, not.why(), not.reason(), read);
    }

    private static ItemOutcome notRestorable(long seq, RemovedAccount account, String why, String reason, Optional<KeptResources.Read> read) {
        return outcome(seq, account, Outcome.NOT_RESTORABLE, reason, null, "not restorable: " + why + "; "
                + read.map(r -> "its resource as read at " + r.readAt() + " is kept in the job database (PURGE_REMOVED_RESOURCE)")
                        .orElse("nothing was read of it before its removal, so nothing was kept"));
    }

    private static ItemOutcome outcome(long seq, RemovedAccount account, Outcome outcome, String reason, @Nullable Integer status,
            String message) {
        return new ItemOutcome(seq, null, account.inputValue(), Objects.requireNonNull(account.accountId()), outcome, reason, status, message);
    }
}
