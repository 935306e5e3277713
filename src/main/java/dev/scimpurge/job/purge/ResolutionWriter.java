package dev.scimpurge.job.purge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
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
 * instead, and keeps the resource each lookup answered with (see {@link KeptResources}). A second row that resolves to an account already planned is a duplicate: one account
 * is removed once.
 */
public class ResolutionWriter implements ItemWriter<Candidate> {

    private final AccountResolver resolver;
    private final RequestWorkers workers;
    private final CandidateTable candidates;
    private final OutcomeRepository outcomes;
    private final @Nullable KeptResources kept;
    private final long jobInstanceId;
    private final long jobExecutionId;

    /** @param kept where a lookup's answer is kept, for a restore, with the plan; null for a dry run, which removes nobody */
    public ResolutionWriter(AccountResolver resolver, RequestWorkers workers, CandidateTable candidates, OutcomeRepository outcomes,
            @Nullable KeptResources kept, long jobInstanceId, long jobExecutionId) {
        this.resolver = resolver;
        this.workers = workers;
        this.candidates = candidates;
        this.outcomes = outcomes;
        this.kept = kept;
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
        List<KeptResources.Kept> read = new ArrayList<>();
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
                    if (kept != null && r.resource() != null) {
                        read.add(new KeptResources.Kept(c.seq(), r.accountId(), r.resource()));
                    }
                }
            }
        }
        candidates.plan(jobInstanceId, planned);
        if (kept != null) {
            kept.keep(jobInstanceId, jobExecutionId, read);
        }
        outcomes.record(jobInstanceId, jobExecutionId, settled);
    }
}
