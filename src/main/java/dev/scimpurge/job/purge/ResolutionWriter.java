package dev.scimpurge.job.purge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.job.collect.CandidateTable;
import dev.scimpurge.throughput.RequestWorkers;

/**
 * The resolve step's writer: resolves the chunk's candidates in parallel on the {@link RequestWorkers}
 * (lookups only), then, on the step's thread and in the chunk's transaction, stores each resolved
 * account id on its candidate (the plan) and records the outcome of every row that was settled
 * instead. A second row that resolves to an account already planned is a duplicate: one account
 * is removed once.
 */
public class ResolutionWriter implements ItemWriter<Candidate> {

    private final AccountResolver resolver;
    private final RequestWorkers workers;
    private final CandidateTable candidates;
    private final OutcomeRepository outcomes;
    private final long jobInstanceId;
    private final long jobExecutionId;

    public ResolutionWriter(AccountResolver resolver, RequestWorkers workers, CandidateTable candidates, OutcomeRepository outcomes,
            long jobInstanceId, long jobExecutionId) {
        this.resolver = resolver;
        this.workers = workers;
        this.candidates = candidates;
        this.outcomes = outcomes;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends Candidate> chunk) {
        List<Resolution> resolutions = workers.map(List.copyOf(chunk.getItems()), resolver::process);
        List<ItemOutcome> settled = new ArrayList<>();
        for (Resolution resolution : resolutions) {
            if (resolution instanceof Resolution.Settled s) {
                settled.add(s.outcome());
            } else if (resolution instanceof Resolution.Resolved r) {
                Candidate c = r.candidate();
                Optional<Candidate> first = candidates.firstPlannedFor(jobInstanceId, r.accountId(), c.seq());
                if (first.isPresent()) {
                    settled.add(new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), r.accountId(), Outcome.DUPLICATE,
                            Reasons.SAME_ACCOUNT, null, "same account as " + first.get().describePosition() + "; removed once there"));
                } else {
                    candidates.plan(jobInstanceId, c.seq(), r.accountId(), r.accountNames());
                }
            }
        }
        outcomes.record(jobInstanceId, jobExecutionId, settled);
    }
}
