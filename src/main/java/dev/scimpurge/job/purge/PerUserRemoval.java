package dev.scimpurge.job.purge;

import java.util.List;
import java.util.Set;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.provider.AccountRemoval;
import dev.scimpurge.provider.RemovalRefusedException;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.throughput.RequestWorkers;

/**
 * Each removal as its own request(s), with the provider's {@link AccountRemoval}, on the {@link RequestWorkers}: a
 * 5xx or a lost answer is retried; an answer that cannot be read fails that row only; a server that does not answer
 * at all, and authorization errors, stop the job.
 */
final class PerUserRemoval implements ChunkRemoval {

    private final RemovalProcessor recheck;
    private final AccountRemoval removal;
    private final RemovalOutcomes outcomes;
    private final RequestWorkers workers;
    private final Retrying retrying;

    PerUserRemoval(RemovalProcessor recheck, AccountRemoval removal, RemovalOutcomes outcomes, RequestWorkers workers,
            Retrying retrying) {
        this.recheck = recheck;
        this.removal = removal;
        this.outcomes = outcomes;
        this.workers = workers;
        this.retrying = retrying;
    }

    @Override
    public List<ItemOutcome> remove(List<Candidate> candidates, Set<String> sentBefore) {
        return workers.map(candidates, candidate -> recheck.process(candidate) instanceof Resolution.Settled settled
                ? settled.outcome()
                : removeOne(candidate, sentBefore.contains(candidate.accountId())));
    }

    /** Removes one account on the calling thread. @param sentBefore this job instance had sent its removal before */
    ItemOutcome removeOne(Candidate candidate, boolean sentBefore) {
        int[] sent = {0};
        try {
            int status = retrying.call(attempt -> {
                sent[0] = attempt;
                return removal.remove(candidate.accountId());
            }, error -> outcomes.isKnownRefusal(error.status(), error.detail()));
            return outcomes.removed(candidate, status);
        } catch (RemovalRefusedException e) {
            return outcomes.failed(candidate, e.reason(), e.httpStatus(), e.getMessage());
        } catch (ScimErrorResponseException e) {
            return outcomes.refused(candidate, e.status(), e.detail(), sentBefore || sent[0] > 1);
        } catch (IsolatedTransportFailureException e) {
            return outcomes.noAnswer(candidate, e.getMessage());
        } catch (ScimProtocolException e) {
            return outcomes.unreadableAnswer(candidate, e.getMessage());
        }
    }
}
