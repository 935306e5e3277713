package dev.scimpurge.job.guard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.job.collect.CandidateTable;
import dev.scimpurge.job.purge.RemovalAttemptLog;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.report.PlanReportWriter;
import dev.scimpurge.scim.ScimClient;

/**
 * The guard step, between planning and the first removal, run again by every execution that continues the run:
 * first the protections (the profile's, and the protect file as it reads now) are applied to every planned row not
 * removed yet, so that an account protected since it was planned is not removed; then a dry run records its plan and
 * ends here; a real run is refused when it would remove more accounts than {@code --max-deletes} or than
 * {@code --max-delete-percent} of the directory (as identity providers refuse "accidental deletions"), and otherwise
 * asks for confirmation, once per run. A refusal writes the plan report and fails the step; raising the limit and running the same
 * command again continues from here.
 */
public class RemovalGuardTasklet implements Tasklet {

    public static final ExitStatus DRY_RUN = new ExitStatus("DRY_RUN");
    /**
     * In the run's execution context, which a continuation inherits: how many removals a person (or --yes) confirmed.
     * A run is confirmed once; its continuations remove a part of what was confirmed, under the limits given then.
     */
    static final String CONFIRMED = "guards.confirmed-removals";
    private static final int PAGE = 1000;
    /** Where the listing says no totalResults (cursor pages), --max-delete-percent counts the directory: pages of 100. */
    private static final int DIRECTORY_COUNT_PAGE = 100;
    private static final int DIRECTORY_COUNT_PAGES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RemovalGuardTasklet.class);

    private final CandidateTable candidates;
    private final OutcomeRepository outcomes;
    private final RemovalAttemptLog attempts;
    private final ScimClient client;
    private final PlanReportWriter plans;
    private final RemovalConfirmation confirmation;
    private final ProviderRun provider;
    private final ProtectedAccounts protectedAccounts;
    private final GuardSettings guards;
    private final Path reportDir;
    private final OptionalLong directorySize;
    private final DeactivationGrace grace;

    public RemovalGuardTasklet(CandidateTable candidates, OutcomeRepository outcomes, RemovalAttemptLog attempts, ScimClient client,
            PlanReportWriter plans, RemovalConfirmation confirmation, ProviderRun provider, ProtectedAccounts protectedAccounts,
            GuardSettings guards, Path reportDir, OptionalLong directorySize, DeactivationGrace grace) {
        this.candidates = candidates;
        this.outcomes = outcomes;
        this.attempts = attempts;
        this.client = client;
        this.plans = plans;
        this.confirmation = confirmation;
        this.provider = provider;
        this.protectedAccounts = protectedAccounts;
        this.guards = guards;
        this.reportDir = reportDir;
        this.directorySize = directorySize;
        this.grace = grace;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = contribution.getStepExecution().getJobExecution();
        long instance = job.getJobInstanceId();
        protectAgain(instance, job.getId());
        long deferred = grace.apply(instance);
        if (deferred > 0) {
            log.info("{} deactivated users are deferred: not shown to be deactivated for --deactivated-for {}",
                    deferred, grace.period().orElseThrow());
        }
        long planned = candidates.countEligible(instance);
        if (guards.dryRun()) {
            grace.recordDeferred(instance, job.getId());
            recordPlan(instance, job.getId());
            Path plan = plans.write(job.getId(), instance, reportDir, "dry_run",
                    "Dry run: " + planned + " accounts would be " + provider.removalVerb() + deferredNote(deferred) + "; nothing was changed.",
                    planned, null);
            log.info("Dry run: {} accounts would be {}; plan written to {}", planned, provider.removalVerb(), plan);
            contribution.setExitStatus(DRY_RUN);
            return RepeatStatus.FINISHED;
        }
        if (planned > guards.maxDeletes()) {
            refuse(job, planned, null, RemovalGuardException.Guard.MAX_DELETES, "--max-deletes " + planned,
                    planned + " accounts would be " + provider.removalVerb() + deferredNote(deferred) + ", more than --max-deletes "
                    + guards.maxDeletes() + ". Check the plan; to go ahead, run the same command again with a higher --max-deletes.");
        }
        if (guards.maxDeletePercent() != null && planned > 0) {
            long directory = directorySize.isPresent() ? directorySize.getAsLong() : client.directorySize(DIRECTORY_COUNT_PAGE, DIRECTORY_COUNT_PAGES);
            double percent = directory == 0 ? 100 : planned * 100.0 / directory;
            if (percent > guards.maxDeletePercent()) {
                refuse(job, planned, directory, RemovalGuardException.Guard.MAX_DELETE_PERCENT,
                        "--max-delete-percent " + (long) Math.ceil(percent), String.format("%d accounts would be %s, %.1f%% of the %d in the directory, "
                        + "more than --max-delete-percent %s. Check the plan; to go ahead, run the same command again with a higher limit.",
                        planned, provider.removalVerb(), percent, directory, guards.maxDeletePercent()));
            }
        }
        ExecutionContext run = job.getExecutionContext();
        if (planned > 0 && !run.containsKey(CONFIRMED)) {
            boolean confirmed;
            try {
                confirmed = confirmation.confirm(provider.scimBase().host(), planned, provider.removalVerb());
            } catch (RemovalGuardException e) {
                throw e.refusal() != null ? e : new RemovalGuardException(e.getMessage(), notConfirmed(planned));
            }
            if (!confirmed) {
                throw new RemovalGuardException("Not confirmed; nothing was " + provider.removalVerb() + ".", notConfirmed(planned));
            }
            run.putLong(CONFIRMED, planned);
        }
        // Only now: a refused or unconfirmed run leaves them open, for its continuation to decide with its own --deactivated-for.
        grace.recordDeferred(instance, job.getId());
        return RepeatStatus.FINISHED;
    }

    private String deferredNote(long deferred) {
        return deferred == 0 ? "" : " (and " + deferred + " deferred by --deactivated-for " + grace.period().orElseThrow() + ")";
    }

    /**
     * Settles every planned row that a protection now matches: PROTECTED, with no request sent. A row whose removal an
     * interrupted execution had already logged as sending may have been removed before the protection was added: it is
     * not called protected but reported, for someone to check the account; nothing more is sent for it either.
     */
    private void protectAgain(long instance, long execution) {
        long afterSeq = 0;
        int protectedNow = 0;
        int sentBefore = 0;
        for (List<Candidate> page = candidates.plannedPage(instance, afterSeq, PAGE); !page.isEmpty();
                page = candidates.plannedPage(instance, afterSeq, PAGE)) {
            afterSeq = page.get(page.size() - 1).seq();
            Map<Candidate, String> matched = new LinkedHashMap<>();
            page.forEach(c -> protectedAccounts.match(c).ifPresent(protection -> matched.put(c, protection)));
            if (matched.isEmpty()) {
                continue;
            }
            Set<String> sent = attempts.sentAmong(instance, matched.keySet().stream().map(Candidate::accountId).toList());
            List<ItemOutcome> settled = new ArrayList<>();
            for (Map.Entry<Candidate, String> row : matched.entrySet()) {
                Candidate c = row.getKey();
                if (sent.contains(c.accountId())) {
                    sentBefore++;
                    settled.add(new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), c.accountId(), Outcome.FAILED,
                            Reasons.PROTECTED_AFTER_SENDING, null, row.getValue() + ", but an interrupted execution of this run may have "
                                    + provider.removalVerb() + " it before it was protected; nothing more was sent: check the account"));
                } else {
                    protectedNow++;
                    settled.add(new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), c.accountId(), Outcome.PROTECTED, Reasons.PROTECTED,
                            null, row.getValue() + " (since it was planned); no request sent"));
                }
            }
            outcomes.record(instance, execution, settled);
        }
        if (protectedNow + sentBefore > 0) {
            log.warn("{} planned accounts are protected now (the protections changed since the plan was made) and will not be {}{}",
                    protectedNow + sentBefore, provider.removalVerb(),
                    sentBefore == 0 ? "." : "; " + sentBefore + " of them may have been " + provider.removalVerb()
                            + " by an interrupted execution already: see the failure report.");
        }
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

    private RemovalGuardException.Refusal notConfirmed(long planned) {
        return new RemovalGuardException.Refusal(RemovalGuardException.Guard.NOT_CONFIRMED, planned, guards.maxDeletes(),
                guards.maxDeletePercent(), null, null, "--yes");
    }

    private void refuse(JobExecution job, long planned, @Nullable Long directorySize, RemovalGuardException.Guard guard, String release,
            String message) {
        Path plan = plans.write(job.getId(), job.getJobInstanceId(), reportDir, "refused", message, planned, directorySize);
        throw new RemovalGuardException(message + " Plan: " + plan, new RemovalGuardException.Refusal(guard, planned,
                guards.maxDeletes(), guards.maxDeletePercent(), directorySize, plan, release));
    }
}
