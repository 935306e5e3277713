package dev.scimpurge.job.purge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        // Planned before this chunk's rows: those of earlier chunks, and those collected with their account id.
        Map<String, Candidate> plannedBefore = candidates.firstPlannedFor(jobInstanceId, resolutions.stream()
                .filter(Resolution.Resolved.class::isInstance).map(r -> ((Resolution.Resolved) r).accountId()).toList());
        Map<String, Candidate> plannedInChunk = new HashMap<>();
        List<ItemOutcome> settled = new ArrayList<>();
        List<CandidateTable.Planned> planned = new ArrayList<>();
        for (Resolution resolution : resolutions) {
            if (resolution instanceof Resolution.Settled s) {
                settled.add(s.outcome());
            } else if (resolution instanceof Resolution.Resolved r) {
                Candidate c = r.candidate();
                Candidate before = plannedBefore.get(r.accountId());
                Candidate first = before != null && before.seq() < c.seq() ? before : plannedInChunk.putIfAbsent(r.accountId(), c);
                if (first != null) {
                    settled.add(new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), r.accountId(), Outcome.DUPLICATE,
                            Reasons.SAME_ACCOUNT, null, "same account as " + first.describePosition() + "; removed once there"));
                } else {
                    planned.add(new CandidateTable.Planned(c.seq(), r.accountId(), r.accountNames()));
                }
            }
        }
        candidates.plan(jobInstanceId, planned);
        outcomes.record(jobInstanceId, jobExecutionId, settled);
    }
}
