package dev.scimpurge.job.purge;

import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimUser;

/**
 * Step 4's processor. For a run over deactivated users, each account is read again just before
 * its removal: one that was reactivated since the list was taken is left alone. A user that is
 * gone already goes on to the writer, which tells "already gone" from "not found".
 */
public class RemovalProcessor implements ItemProcessor<Candidate, Resolution> {

    private final ScimClient client;
    private final boolean recheckDeactivated;

    public RemovalProcessor(ScimClient client, boolean recheckDeactivated) {
        this.client = client;
        this.recheckDeactivated = recheckDeactivated;
    }

    @Override
    public Resolution process(Candidate candidate) {
        if (recheckDeactivated) {
            Optional<ScimUser> now = client.getUser(candidate.accountId());
            if (now.isPresent() && !now.get().isDeactivated()) {
                return new Resolution.Settled(candidate, new ItemOutcome(candidate.seq(), candidate.lineNo(), candidate.inputValue(),
                        candidate.accountId(), Outcome.SKIPPED, Reasons.REACTIVATED, null,
                        "reactivated, skipped: the user is active again since the list was taken"));
            }
        }
        return new Resolution.Resolved(candidate, candidate.accountId());
    }
}
