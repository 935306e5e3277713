package dev.scimpurge.job.guard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

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
import dev.scimpurge.plan.PlanRelease;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.report.PlanReportWriter;
import dev.scimpurge.scim.ScimClient;

/**
 * The guard step, between planning and the first removal, run again by every execution that continues the run:
 * first the protections (the profile's, and the protect file as it reads now) are applied to every planned row not
 * removed yet, so that an account protected since it was planned is not removed; then the limits are weighed: more
 * accounts than {@code --max-deletes} or than {@code --max-delete-percent} of the directory (as identity providers
 * refuse "accidental deletions"), and, for a run planning more than {@link HistoryLimits#FLOOR}, far more than the
 * target's earlier completed runs ({@link RunHistory}). A dry run records its plan and ends here, saying which limit
 * would refuse the real run (the command exits as the real run would); a real run is refused by the first limit it
 * exceeds, and otherwise asks for confirmation, once per run. A refusal writes the plan report and fails the step; raising the limit and running the same
 * command again continues from here, and the {@code --apply-plan} command the refusal names removes exactly the plan instead.
 */
public class RemovalGuardTasklet implements Tasklet {

    public static final ExitStatus DRY_RUN = new ExitStatus("DRY_RUN");
    /**
     * In the run's execution context, which a continuation inherits: how many removals a person (or --yes) confirmed.
     * A run is confirmed once; its continuations remove a part of what was confirmed, under the limits given then.
     */
    static final String CONFIRMED = "guards.confirmed-removals";
    /** In a dry run's execution context: what the guard that would refuse the real run says (absent: none would). */
    static final String DRY_RUN_REFUSAL = "guards.dry-run-refusal";
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
    private final RunHistory history;
    private final String source;
    private final PlanRelease release;

    /**
     * @param source  the kind of run, as the plan report names it ({@code csv}, {@code deactivated}, ...)
     * @param release the command that applies a plan this step refuses (or, in a dry run, would refuse)
     */
    public RemovalGuardTasklet(CandidateTable candidates, OutcomeRepository outcomes, RemovalAttemptLog attempts, ScimClient client,
            PlanReportWriter plans, RemovalConfirmation confirmation, ProviderRun provider, ProtectedAccounts protectedAccounts,
            GuardSettings guards, Path reportDir, OptionalLong directorySize, DeactivationGrace grace, RunHistory history, String source,
            PlanRelease release) {
        this.source = source;
        this.release = release;
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
        this.history = history;
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
        Long directory = directorySize.isPresent() ? directorySize.getAsLong() : null;
        Long deactivated = history.deactivatedListed(instance);
        if (!guards.dryRun()) {
            history.record(job.getId(), planned, directory, deactivated);
        }
        List<Limit> exceeded = exceededLimits(instance, planned, deferred, directory, deactivated);
        if (guards.dryRun()) {
            grace.recordDeferred(instance, job.getId());
            recordPlan(instance, job.getId());
            Limit first = exceeded.isEmpty() ? null : exceeded.get(0);
            String message = "Dry run: " + planned + " accounts would be " + provider.removalVerb() + deferredNote(deferred)
                    + "; nothing was changed." + (first == null ? "" : " The real run would stop here, before its first removal, refused by "
                    + first.option() + ": " + first.message() + alsoExceeded(exceeded));
            Path plan = plans.write(job.getId(), instance, reportDir, source, "dry_run", message, planned,
                    first == null ? null : first.directorySize(), first == null ? null : verdict(exceeded));
            if (first != null) {
                job.getExecutionContext().putString(DRY_RUN_REFUSAL, message + " " + first.proceed(true) + " Plan: " + plan
                        + applyNote(plan, exceeded));
            }
            log.info("Dry run: {} accounts would be {}; plan written to {}", planned, provider.removalVerb(), plan);
            contribution.setExitStatus(DRY_RUN);
            return RepeatStatus.FINISHED;
        }
        if (!exceeded.isEmpty()) {
            refuse(job, planned, exceeded);
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

    /**
     * The limits the plan exceeds, in the order a real run checks them (it stops at the first): --max-deletes,
     * --max-delete-percent, then those that compare with the target's earlier completed runs.
     */
    private List<Limit> exceededLimits(long instance, long planned, long deferred, @Nullable Long directoryNow, @Nullable Long deactivated) {
        List<Limit> exceeded = new ArrayList<>();
        if (planned > guards.maxDeletes()) {
            exceeded.add(new Limit(RemovalGuardException.Guard.MAX_DELETES, "--max-deletes", "--max-deletes " + planned, null,
                    planned + " accounts would be " + provider.removalVerb() + deferredNote(deferred) + ", more than --max-deletes "
                    + guards.maxDeletes() + "."));
        }
        if (guards.maxDeletePercent() != null && planned > 0) {
            long directory = directoryNow != null ? directoryNow : client.directorySize(DIRECTORY_COUNT_PAGE, DIRECTORY_COUNT_PAGES);
            double percent = directory == 0 ? 100 : planned * 100.0 / directory;
            if (percent > guards.maxDeletePercent()) {
                exceeded.add(new Limit(RemovalGuardException.Guard.MAX_DELETE_PERCENT, "--max-delete-percent",
                        "--max-delete-percent " + (long) Math.ceil(percent), directory, String.format(Locale.ROOT,
                        "%d accounts would be %s, %.1f%% of the %d in the directory, more than --max-delete-percent %s.",
                        planned, provider.removalVerb(), percent, directory, guards.maxDeletePercent())));
            }
        }
        if (planned > HistoryLimits.FLOOR) {
            exceeded.addAll(historyLimits(instance, planned, directoryNow, deactivated));
        }
        return exceeded;
    }

    /** The history guards: growth against the median of the latest completed runs, shrink and jump against the previous one. */
    private List<Limit> historyLimits(long instance, long planned, @Nullable Long directoryNow, @Nullable Long deactivated) {
        HistoryLimits limits = guards.history();
        List<Limit> exceeded = new ArrayList<>();
        List<RunHistory.Run> earlier = history.completedBefore(instance, HistoryLimits.RUNS);
        String target = provider.scimBase().toString();
        Double maxGrowth = limits.maxGrowth();
        if (maxGrowth != null && earlier.size() >= HistoryLimits.MIN_RUNS) {
            double median = RunHistory.medianPlanned(earlier);
            if (planned > maxGrowth * median) {
                double ratio = median == 0 ? Double.POSITIVE_INFINITY : planned / median;
                exceeded.add(new Limit(RemovalGuardException.Guard.MAX_GROWTH, "--max-growth",
                        median == 0 ? "--max-growth none" : "--max-growth " + HistoryLimits.format(Math.ceil(ratio * 10) / 10), directoryNow,
                        String.format(Locale.ROOT, "Planned %d removals, %sthe median %s of the last %d completed runs of %s; limit %sx (--max-growth).",
                                planned, median == 0 ? "against " : String.format(Locale.ROOT, "%.1fx ", ratio), HistoryLimits.format(median),
                                earlier.size(), target, HistoryLimits.format(maxGrowth))));
            }
        }
        if (earlier.isEmpty()) {
            return exceeded;
        }
        RunHistory.Run previous = earlier.get(0);
        Double maxShrink = limits.maxShrinkPercent();
        Long sizeBefore = previous.directorySize();
        if (maxShrink != null && directoryNow != null && sizeBefore != null && sizeBefore > 0) {
            double shrink = (sizeBefore - directoryNow) * 100.0 / sizeBefore;
            if (shrink > maxShrink) {
                exceeded.add(new Limit(RemovalGuardException.Guard.MAX_SHRINK_PERCENT, "--max-shrink-percent",
                        "--max-shrink-percent " + (long) Math.ceil(shrink), directoryNow, String.format(Locale.ROOT,
                        "The directory lists %d users, %.1f%% fewer than the %d at the previous completed run of %s (execution %d), "
                        + "and %d removals are planned; limit %s%% (--max-shrink-percent).", directoryNow, shrink, sizeBefore, target,
                        previous.execution(), planned, HistoryLimits.format(maxShrink))));
            }
        }
        Double maxJump = limits.maxJumpPercent();
        Long deactivatedBefore = previous.deactivated();
        if (maxJump != null && deactivated != null && deactivatedBefore != null) {
            double jump = deactivatedBefore == 0 ? Double.POSITIVE_INFINITY : (deactivated - deactivatedBefore) * 100.0 / deactivatedBefore;
            if (jump > maxJump) {
                exceeded.add(new Limit(RemovalGuardException.Guard.MAX_JUMP_PERCENT, "--max-jump-percent",
                        deactivatedBefore == 0 ? "--max-jump-percent none" : "--max-jump-percent " + (long) Math.ceil(jump), directoryNow,
                        String.format(Locale.ROOT, "The service lists %d deactivated users, %s the %d at the previous completed run of %s "
                        + "(execution %d); limit %s%% (--max-jump-percent).", deactivated, deactivatedBefore == 0 ? "up from"
                        : String.format(Locale.ROOT, "%.1f%% more than", jump), deactivatedBefore, target, previous.execution(),
                        HistoryLimits.format(maxJump))));
            }
        }
        return exceeded;
    }

    private static String alsoExceeded(List<Limit> exceeded) {
        return exceeded.size() < 2 ? "" : " Also exceeded: " + exceeded.stream().skip(1).map(Limit::option).collect(Collectors.joining(", ")) + ".";
    }

    private PlanReportWriter.Verdict verdict(List<Limit> exceeded) {
        Limit limit = exceeded.get(0);
        return new PlanReportWriter.Verdict(limit.guard().name().toLowerCase(Locale.ROOT), limit.proceed(guards.dryRun()), releases(exceeded));
    }

    /** What lets exactly the plan through every limit it exceeds: an approved plan is applied under the same guards. */
    private static String releases(List<Limit> exceeded) {
        return exceeded.stream().map(Limit::release).distinct().collect(Collectors.joining(" "));
    }

    /** The command that removes exactly the plan's accounts, for the person who reviewed it. */
    private String applyNote(Path plan, List<Limit> exceeded) {
        return " " + release.advice(plan, releases(exceeded));
    }

    private void refuse(JobExecution job, long planned, List<Limit> exceeded) {
        Limit limit = exceeded.get(0);
        String message = limit.message() + alsoExceeded(exceeded) + " " + limit.proceed(false);
        Path plan = plans.write(job.getId(), job.getJobInstanceId(), reportDir, source, "refused", message, planned, limit.directorySize(),
                verdict(exceeded));
        throw new RemovalGuardException(message + " Plan: " + plan + applyNote(plan, exceeded),
                new RemovalGuardException.Refusal(limit.guard(), planned,
                guards.maxDeletes(), guards.maxDeletePercent(), limit.directorySize(), plan, limit.release()));
    }

    /** The dry run's refusal, when a guard would have refused the real run: the message the dry run ends with; else null. */
    public static @Nullable String dryRunRefusal(JobExecution execution) {
        return execution.getExecutionContext().containsKey(DRY_RUN_REFUSAL) ? execution.getExecutionContext().getString(DRY_RUN_REFUSAL) : null;
    }

    /**
     * A limit the plan exceeds.
     *
     * @param option        the option that sets it, as the operator gives it
     * @param release       the option with the value that lets this plan through
     * @param directorySize the directory's size the limit compared with, or null
     * @param message       the figures compared, in a sentence
     */
    private record Limit(RemovalGuardException.Guard guard, String option, String release, @Nullable Long directorySize, String message) {

        /** How to go ahead after reviewing the plan: after a refusal, or after a dry run that predicts one. */
        String proceed(boolean dryRun) {
            return dryRun ? "Check the plan; to let the real run go ahead, give it " + release + " (or a higher limit)."
                    : "Check the plan; to go ahead, run the same command again with " + release + " (or a higher limit).";
        }
    }
}
