package dev.scimpurge.job.purge;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.provider.AccountRemoval;
import dev.scimpurge.provider.RemovalRefusedException;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.RequestNotSentException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.throughput.RequestWorkers;

/**
 * Each removal as its own request(s), with the provider's {@link AccountRemoval}, on the {@link RequestWorkers}: a
 * 5xx or a lost answer is retried; an answer that cannot be read fails that row only; a server that does not answer
 * at all, and authorization errors, stop the job. Once the run is ending on a failure ({@link RemovalPipeline#halt}), a
 * row not yet sent is held back, before its re-read and before its removal.
 */
final class PerUserRemoval implements ChunkRemoval {

    private final RemovalProcessor recheck;
    private final AccountRemoval removal;
    private final RemovalOutcomes outcomes;
    private final RequestWorkers workers;
    private final Retrying retrying;
    private final BooleanSupplier halted;

    /** @param halted whether the rows not yet sent are held back */
    PerUserRemoval(RemovalProcessor recheck, AccountRemoval removal, RemovalOutcomes outcomes, RequestWorkers workers,
            Retrying retrying, BooleanSupplier halted) {
        this.recheck = recheck;
        this.removal = removal;
        this.outcomes = outcomes;
        this.workers = workers;
        this.retrying = retrying;
        this.halted = halted;
    }

    @Override
    public List<ItemOutcome> remove(List<Candidate> candidates, Set<String> sentBefore, Set<Long> unsent) {
        return workers.map(candidates, candidate -> recheck(candidate, unsent) instanceof Resolution.Settled settled
                ? settled.outcome()
                : removeOne(candidate, sentBefore.contains(candidate.accountId()), unsent));
    }

    private Resolution recheck(Candidate candidate, Set<Long> unsent) {
        holdBackIfHalted(candidate, unsent);
        try {
            return recheck.process(candidate);
        } catch (RuntimeException e) {
            unsent.add(candidate.seq());
            throw e;
        }
    }

    /**
     * Removes one account on the calling thread.
     *
     * @param sentBefore this job instance had sent its removal before
     * @param unsent     gets the row's sequence number if its removal was held back before any of it was sent
     */
    ItemOutcome removeOne(Candidate candidate, boolean sentBefore, Set<Long> unsent) {
        holdBackIfHalted(candidate, unsent);
        int[] sent = {0};
        try {
            AccountRemoval.Done done = retrying.call(attempt -> {
                sent[0] = attempt;
                return removal.removeNoting(Objects.requireNonNull(candidate.accountId()));
            }, error -> outcomes.isKnownRefusal(error.status(), error.detail()));
            return outcomes.removed(candidate, done.status(), done.note());
        } catch (RemovalRefusedException e) {
            return outcomes.failed(candidate, e.reason(), e.httpStatus(), Objects.requireNonNull(e.getMessage()));
        } catch (ScimErrorResponseException e) {
            return outcomes.refused(candidate, e.status(), e.detail(), sentBefore || sent[0] > 1);
        } catch (IsolatedTransportFailureException e) {
            return outcomes.noAnswer(candidate, e.getMessage());
        } catch (ScimProtocolException e) {
            return outcomes.unreadableAnswer(candidate, e.getMessage());
        } catch (RequestNotSentException e) {
            if (sent[0] == 1) {
                unsent.add(candidate.seq());
            }
            throw e;
        }
    }

    private void holdBackIfHalted(Candidate candidate, Set<Long> unsent) {
        if (halted.getAsBoolean()) {
            unsent.add(candidate.seq());
            throw new RemovalHeldBackException();
        }
    }
}
