package dev.scimpurge.job.purge;

import java.util.Objects;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.scim.ScimUser;

/**
 * The remove step's first stage, run by {@link DeprovisionWriter} on its workers before each removal. For a run over
 * deactivated users, each account is read again just before its removal: one that was
 * reactivated since the list was taken is left alone. A user that is gone already goes on to the
 * removal, which tells "already gone" from "not found".
 */
public class RemovalProcessor implements ItemProcessor<Candidate, Resolution> {

    private final ScimClient client;
    private final Retrying retrying;
    private final boolean recheckDeactivated;

    public RemovalProcessor(ScimClient client, Retrying retrying, boolean recheckDeactivated) {
        this.client = client;
        this.retrying = retrying;
        this.recheckDeactivated = recheckDeactivated;
    }

    @Override
    public Resolution process(Candidate candidate) {
        if (recheckDeactivated) {
            Optional<ScimUser> now;
            try {
                now = retrying.call(attempt -> client.getUser(Objects.requireNonNull(candidate.accountId())));
            } catch (ScimErrorResponseException | IsolatedTransportFailureException | ScimProtocolException e) {
                return new Resolution.Settled(candidate, new ItemOutcome(candidate.seq(), candidate.lineNo(), candidate.inputValue(),
                        candidate.accountId(), Outcome.FAILED, Reasons.LOOKUP_FAILED,
                        e instanceof ScimErrorResponseException error ? error.status() : null,
                        "not removed: could not read the user again before its removal (" + e.getMessage() + ")"));
            }
            if (now.isPresent() && !now.get().isDeactivated()) {
                return new Resolution.Settled(candidate, new ItemOutcome(candidate.seq(), candidate.lineNo(), candidate.inputValue(),
                        candidate.accountId(), Outcome.SKIPPED, Reasons.REACTIVATED, null,
                        "reactivated, skipped: the user is active again since the list was taken"));
            }
        }
        return Resolution.Resolved.asCollected(candidate);
    }
}
