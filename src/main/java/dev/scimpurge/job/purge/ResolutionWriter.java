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

/**
 * Step 2's writer: stores each resolved account id on its candidate (the plan), and records the
 * outcome of every row that was settled instead. A second row that resolves to an account already
 * planned is a duplicate: one account is removed once.
 */
public class ResolutionWriter implements ItemWriter<Resolution> {

    private final CandidateTable candidates;
    private final OutcomeRepository outcomes;
    private final long jobInstanceId;
    private final long jobExecutionId;

    public ResolutionWriter(CandidateTable candidates, OutcomeRepository outcomes, long jobInstanceId, long jobExecutionId) {
        this.candidates = candidates;
        this.outcomes = outcomes;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends Resolution> chunk) {
        List<ItemOutcome> settled = new ArrayList<>();
        for (Resolution resolution : chunk) {
            if (resolution instanceof Resolution.Settled s) {
                settled.add(s.outcome());
            } else if (resolution instanceof Resolution.Resolved r) {
                Candidate c = r.candidate();
                Optional<Candidate> first = candidates.firstPlannedFor(jobInstanceId, r.accountId(), c.seq());
                if (first.isPresent()) {
                    settled.add(new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), r.accountId(), Outcome.DUPLICATE,
                            Reasons.SAME_ACCOUNT, null, "same account as " + first.get().describePosition() + "; removed once there"));
                } else {
                    candidates.plan(jobInstanceId, c.seq(), r.accountId());
                }
            }
        }
        outcomes.record(jobInstanceId, jobExecutionId, settled);
    }
}
