package dev.scimpurge.job.guard;

import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.job.collect.CandidateTable;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.report.PlanReportWriter;
import dev.scimpurge.scim.ScimClient;

/**
 * The guard step, between planning and the first removal: a dry run records its plan and ends here;
 * a real run is refused when it would remove more accounts than {@code --max-deletes} or than
 * {@code --max-delete-percent} of the directory (as identity providers refuse "accidental
 * deletions"), and otherwise asks for confirmation. A refusal writes the plan report and fails
 * the step; raising the limit and running the same command again continues from here.
 */
public class RemovalGuardTasklet implements Tasklet {

    public static final ExitStatus DRY_RUN = new ExitStatus("DRY_RUN");
    private static final int PAGE = 1000;
    private static final Logger log = LoggerFactory.getLogger(RemovalGuardTasklet.class);

    private final CandidateTable candidates;
    private final OutcomeRepository outcomes;
    private final ScimClient client;
    private final PlanReportWriter plans;
    private final RemovalConfirmation confirmation;
    private final ProviderRun provider;
    private final GuardSettings guards;
    private final Path reportDir;

    public RemovalGuardTasklet(CandidateTable candidates, OutcomeRepository outcomes, ScimClient client, PlanReportWriter plans,
            RemovalConfirmation confirmation, ProviderRun provider, GuardSettings guards, Path reportDir) {
        this.candidates = candidates;
        this.outcomes = outcomes;
        this.client = client;
        this.plans = plans;
        this.confirmation = confirmation;
        this.provider = provider;
        this.guards = guards;
        this.reportDir = reportDir;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = contribution.getStepExecution().getJobExecution();
        long instance = job.getJobInstanceId();
        long planned = candidates.countPlanned(instance);
        if (guards.dryRun()) {
            recordPlan(instance, job.getId());
            Path plan = plans.write(job.getId(), instance, reportDir, "dry_run",
                    "Dry run: " + planned + " accounts would be " + provider.removalVerb() + "; nothing was changed.", planned, null);
            log.info("Dry run: {} accounts would be {}; plan written to {}", planned, provider.removalVerb(), plan);
            contribution.setExitStatus(DRY_RUN);
            return RepeatStatus.FINISHED;
        }
        if (planned > guards.maxDeletes()) {
            refuse(job, planned, null, planned + " accounts would be " + provider.removalVerb() + ", more than --max-deletes "
                    + guards.maxDeletes() + ". Check the plan; to go ahead, run the same command again with a higher --max-deletes.");
        }
        if (guards.maxDeletePercent() != null && planned > 0) {
            long directory = client.listUsers(null, 1, 1).totalResults();
            double percent = directory == 0 ? 100 : planned * 100.0 / directory;
            if (percent > guards.maxDeletePercent()) {
                refuse(job, planned, directory, String.format("%d accounts would be %s, %.1f%% of the %d in the directory, "
                        + "more than --max-delete-percent %s. Check the plan; to go ahead, run the same command again with a higher limit.",
                        planned, provider.removalVerb(), percent, directory, guards.maxDeletePercent()));
            }
        }
        if (planned > 0 && !confirmation.confirm(provider.scimBase().host(), planned, provider.removalVerb())) {
            throw new RemovalGuardException("Not confirmed; nothing was " + provider.removalVerb() + ".");
        }
        return RepeatStatus.FINISHED;
    }

    /** Every planned row gets its outcome, PLANNED, so that a dry run too accounts for every row. */
    private void recordPlan(long instance, long execution) {
        long afterSeq = 0;
        for (List<Candidate> page = candidates.plannedPage(instance, afterSeq, PAGE); !page.isEmpty();
                page = candidates.plannedPage(instance, afterSeq, PAGE)) {
            outcomes.record(instance, execution, page.stream()
                    .map(c -> new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), c.accountId(), Outcome.PLANNED, Reasons.DRY_RUN,
                            null, "would be " + provider.removalVerb()))
                    .toList());
            afterSeq = page.get(page.size() - 1).seq();
        }
    }

    private void refuse(JobExecution job, long planned, Long directorySize, String message) {
        Path plan = plans.write(job.getId(), job.getJobInstanceId(), reportDir, "refused", message, planned, directorySize);
        throw new RemovalGuardException(message + " Plan: " + plan);
    }
}
