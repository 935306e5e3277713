package dev.scimpurge.job;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.job.collect.CandidateCollectionTasklet;
import dev.scimpurge.job.collect.CandidatePageReader;
import dev.scimpurge.job.collect.CandidateSources;
import dev.scimpurge.job.collect.CandidateTable;
import dev.scimpurge.job.collect.DeactivationSightings;
import dev.scimpurge.job.guard.DeactivationGrace;
import dev.scimpurge.job.guard.ProtectedAccounts;
import dev.scimpurge.job.guard.RemovalConfirmation;
import dev.scimpurge.job.guard.RemovalGuardTasklet;
import dev.scimpurge.job.guard.RunHistory;
import dev.scimpurge.job.lookup.AccountLookup;
import dev.scimpurge.job.lookup.DirectoryCopyTasklet;
import dev.scimpurge.job.lookup.DirectoryCopyCleanup;
import dev.scimpurge.job.lookup.DirectoryTable;
import dev.scimpurge.job.lookup.LookupMode;
import dev.scimpurge.probe.ServerProbe;
import dev.scimpurge.job.purge.AccountResolver;
import dev.scimpurge.job.purge.DeprovisionWriter;
import dev.scimpurge.job.purge.RemovalAttemptLog;
import dev.scimpurge.job.purge.RemovalModeChoice;
import dev.scimpurge.job.purge.KeptResources;
import dev.scimpurge.job.purge.RemovalPipeline;
import dev.scimpurge.job.purge.RemovalProcessor;
import dev.scimpurge.job.purge.ResolutionWriter;
import dev.scimpurge.monitoring.ExecutionLogContext;
import dev.scimpurge.monitoring.ProgressReporter;
import dev.scimpurge.monitoring.UnfinishedRunWarning;
import dev.scimpurge.metrics.MetricsPush;
import dev.scimpurge.notify.RunNotifier;
import dev.scimpurge.plan.PlanRelease;
import dev.scimpurge.provider.AccountRemoval;
import dev.scimpurge.provider.ErrorTranslation;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.provider.ServiceCapabilities;
import dev.scimpurge.report.PlanReportWriter;
import dev.scimpurge.report.RunSummaryFileWriter;
import dev.scimpurge.scim.EmailResolver;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.throughput.LearnedPace;
import dev.scimpurge.throughput.RemovalChunkSize;
import dev.scimpurge.throughput.RequestWorkers;
import dev.scimpurge.throughput.Throughput;
import tools.jackson.databind.json.JsonMapper;

/**
 * The purge job, in five steps, each restartable on its own:
 * <ol>
 * <li>collect the candidates into the job database (nothing is removed before the list is complete);</li>
 * <li>choose the lookup, and for {@code --lookup directory} copy the service's user list into the job database;</li>
 * <li>resolve each to an account: the plan (lookups only, in parallel);</li>
 * <li>check the guards: a dry run ends here (exit 3 when a limit would refuse the real run); too many planned removals (or far more than the target's earlier runs), or no confirmation, stop the run;</li>
 * <li>remove the planned accounts, chunk by chunk.</li>
 * </ol>
 * Every row's outcome is recorded; the failure report is written by {@link PurgeRunListener}
 * at the end of every execution. The chunk steps have no {@code ItemProcessor}: each writer runs
 * its processor on the request workers, a chunk's items in parallel (see the steps).
 * The run's settings are read from the job parameters through {@link PurgeJobParameters} only.
 */
@Configuration(proxyBeanMethods = false)
public class PurgeJobConfiguration {

    public static final String JOB_NAME = "purge";

    @Bean
    Job purgeJob(JobRepository jobRepository, Step collectCandidatesStep, Step copyDirectoryStep, Step resolveAccountsStep,
            Step checkGuardsStep, Step removeAccountsStep, PurgeRunListener runListener, ExecutionLogContext logContext,
            RunSummaryFileWriter summaryFile, ProgressReporter progress, UnfinishedRunWarning unfinishedRuns, RunNotifier notifier,
            MetricsPush metricsPush, DirectoryCopyCleanup directoryCopyCleanup) {
        // afterJob runs in reverse order: progress stops, the failure report is written, then the summary that names it,
        // then the notifications that name both.
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(logContext)
                .listener(notifier)
                .listener(metricsPush)
                .listener(summaryFile)
                .listener(runListener)
                .listener(progress)
                .listener(unfinishedRuns)
                .listener(directoryCopyCleanup)
                .start(collectCandidatesStep)
                .next(copyDirectoryStep)
                .next(resolveAccountsStep)
                .next(checkGuardsStep)
                .on(RemovalGuardTasklet.DRY_RUN.getExitCode()).end()
                .from(checkGuardsStep).on(ExitStatus.FAILED.getExitCode()).fail()
                .from(checkGuardsStep).on(ExitStatus.COMPLETED.getExitCode()).to(removeAccountsStep)
                .end()
                .build();
    }

    /**
     * Lets a chunk step that failed because the job database went away end FAILED, not UNKNOWN: a shared H2 file is
     * served again within a few seconds of its serving process ending.
     */
    @Bean
    JobDatabaseReturn jobDatabaseReturn(DataSource dataSource) {
        return new JobDatabaseReturn(dataSource, Duration.ofSeconds(30));
    }

    /** The pace the run's target taught its runs with 429s: the pacer starts at it and keeps what it learns. */
    @Bean
    LearnedPace learnedPace(TargetPaceTable paces, ProviderRun provider) {
        return paces.of(provider.scimBase());
    }

    @Bean
    Step collectCandidatesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            CandidateSources sources, CandidateTable candidates, OutcomeRepository outcomes, DeactivationSightings sightings, Clock clock) {
        return new StepBuilder("collectCandidates", jobRepository)
                .tasklet(new CandidateCollectionTasklet(sources, candidates, outcomes, sightings, clock), transactionManager)
                .build();
    }

    @Bean
    Step copyDirectoryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, DirectoryCopyTasklet directoryCopy) {
        return new StepBuilder("copyDirectory", jobRepository)
                .tasklet(directoryCopy, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    DirectoryCopyTasklet directoryCopy(ScimClient client, Retrying retrying, RequestWorkers workers, DirectoryTable directory,
            JdbcTemplate jdbc, Throughput throughput, ProviderRun provider, ServiceCapabilities capabilities, ScimPurgeProperties properties,
            @Value("#{stepExecution.jobExecution}") JobExecution execution) {
        ServerProbe probe = new ServerProbe(client, retrying, capabilities, properties.job().listPageSize());
        return new DirectoryCopyTasklet(client, retrying, workers, directory, jdbc, probe, throughput,
                provider.profile().lookup().filters(), properties.job().maxListPages());
    }

    /** Drops the directory copy once the plan is made, in the background; the execution waits for it at its end. */
    @Bean
    DirectoryCopyCleanup directoryCopyCleanup(DirectoryTable directory) {
        return new DirectoryCopyCleanup(directory);
    }

    /**
     * Reads the candidates without an outcome; {@link ResolutionWriter} runs the {@link AccountResolver}
     * on the workers for the chunk's items. The copy of the directory holds every user's addresses:
     * {@link DirectoryCopyCleanup} drops it once the plan is made.
     */
    @Bean
    Step resolveAccountsStep(JobRepository jobRepository, JobDatabaseReturn databaseReturn, PlatformTransactionManager transactionManager, ScimPurgeProperties properties,
            CandidatePageReader candidateReader, ResolutionWriter resolutionWriter, DirectoryCopyCleanup directoryCopyCleanup) {
        return new StepBuilder("resolveAccounts", jobRepository)
                .<Candidate, Candidate>chunk(properties.job().resolveChunkSize())
                .transactionManager(transactionManager)
                .reader(candidateReader)
                .writer(resolutionWriter)
                .listener((StepExecutionListener) directoryCopyCleanup)
                .listener(databaseReturn)
                .build();
    }

    /**
     * Runs at the start of every execution that gets this far, also when an earlier one passed it: what the
     * operator gives at a continuation (the protect list, the limits) applies to the rows not removed yet.
     */
    @Bean
    Step checkGuardsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RemovalGuardTasklet guardTasklet) {
        return new StepBuilder("checkGuards", jobRepository)
                .tasklet(guardTasklet, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    /** Rows per chunk of the remove step: whole rounds of requests on the workers, unless set explicitly. */
    @Bean
    RemovalChunkSize removalChunkSize(ScimPurgeProperties properties, Throughput throughput) {
        return RemovalChunkSize.of(properties.job().chunkSize(), throughput, properties.job().shutdownGrace());
    }

    /**
     * Reads the planned candidates; {@link DeprovisionWriter} runs the {@link RemovalProcessor} (the re-check of
     * each account) and then the chunk's removal, per user or in Bulk, on the workers.
     */
    @Bean
    Step removeAccountsStep(JobRepository jobRepository, JobDatabaseReturn databaseReturn, PlatformTransactionManager transactionManager, RemovalChunkSize removalChunkSize,
            CandidatePageReader plannedReader, DeprovisionWriter deprovisionWriter) {
        return new StepBuilder("removeAccounts", jobRepository)
                .<Candidate, Candidate>chunk(removalChunkSize.rows())
                .transactionManager(transactionManager)
                .reader(plannedReader)
                .writer(deprovisionWriter)
                .listener(databaseReturn)
                .build();
    }

    @Bean
    @StepScope
    CandidatePageReader candidateReader(CandidateTable candidates, ScimPurgeProperties properties,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        return candidates.unsettledReader(jobInstanceId, properties.job().resolveChunkSize());
    }

    @Bean
    @StepScope
    CandidatePageReader plannedReader(CandidateTable candidates, RemovalChunkSize removalChunkSize, RemovalPipeline removalPipeline,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        return candidates.plannedReader(jobInstanceId, removalChunkSize.rows(), removalPipeline::savedPositionAtMost);
    }

    /**
     * The remove step's chunks under way, shared by its reader and writer within one step execution (not proxied:
     * only those two step-scoped beans use it), and closed with the step.
     */
    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.NO)
    RemovalPipeline removalPipeline(RequestWorkers workers) {
        return new RemovalPipeline(workers.concurrency());
    }

    /**
     * The resolver and its collaborators are plain objects, not scoped beans: the workers that call
     * them run outside the step's thread, where no step or job scope is bound.
     */
    @Bean
    @StepScope
    ResolutionWriter resolutionWriter(ScimClient client, DirectoryTable directory, ProviderRun provider, Retrying retrying,
            RequestWorkers workers, CandidateTable candidates, OutcomeRepository outcomes, KeptResources kept, ScimPurgeProperties properties,
            @Value("#{jobExecutionContext['" + DirectoryCopyTasklet.MODE_KEY + "']}") String lookupMode,
            @Value("#{jobExecutionContext['" + DirectoryCopyTasklet.FILTERS_KEY + "']}") @Nullable String provenFilters,
            @Value("#{stepExecution.jobExecution}") JobExecution execution) {
        long jobInstanceId = execution.getJobInstanceId();
        List<String> filters = provenFilters == null || provenFilters.isBlank() ? provider.profile().lookup().filters()
                : List.of(provenFilters.split(","));
        AccountLookup lookup = LookupMode.fromKey(lookupMode) == LookupMode.DIRECTORY
                ? directory.lookup(jobInstanceId, DirectoryCopyTasklet.directoryAttributes(provider.profile().lookup().filters()).orElseThrow())
                : new EmailResolver(client, filters)::resolve;
        AccountResolver resolver = new AccountResolver(lookup, protectedAccounts(provider, execution), retrying);
        boolean keeping = !runOf(execution).guards().dryRun() && properties.job().keepResources() != ScimPurgeProperties.KeepResources.NONE;
        return new ResolutionWriter(resolver, workers, candidates, outcomes, keeping ? kept : null, jobInstanceId, execution.getId());
    }

    /** Read afresh by every step that needs them, so that a continuation applies the protect file as it is now. */
    private static ProtectedAccounts protectedAccounts(ProviderRun provider, JobExecution execution) {
        return ProtectedAccounts.of(provider.profile().protect(), runOf(execution).guards().protectFile());
    }

    /**
     * Where a run's rows first came from: a retry's are those of the run it retries (whose deactivated users are
     * re-read before removal as they were there); a retry of a retry goes back further.
     */
    private static PurgeJobParameters.Source originalSource(PurgeJobParameters run, JobRepository jobRepository) {
        PurgeJobParameters current = run;
        while (current.retry() != null) {
            JobExecution original;
            try {
                original = jobRepository.getJobExecution(current.retry().executionId());
            } catch (EmptyResultDataAccessException e) {
                original = null;
            }
            if (original == null) {
                return current.source();
            }
            current = PurgeJobParameters.from(original.getJobParameters());
        }
        return current.source();
    }

    private static PurgeJobParameters runOf(JobExecution execution) {
        return PurgeJobParameters.from(execution.getJobParameters());
    }

    @Bean
    @StepScope
    RemovalGuardTasklet guardTasklet(CandidateTable candidates, OutcomeRepository outcomes, RemovalAttemptLog attempts, ScimClient client,
            PlanReportWriter plans, RemovalConfirmation confirmation, ProviderRun provider, Clock clock, JdbcTemplate jdbc,
            PlanRelease release, @Value("#{stepExecution.jobExecution}") JobExecution execution) {
        PurgeJobParameters run = runOf(execution);
        RunHistory history = new RunHistory(jdbc, PurgeTargetLock.key(run.target()), run.source().name().toLowerCase(Locale.ROOT),
                run.source() == PurgeJobParameters.Source.DEACTIVATED);
        DeactivationGrace grace = run.source() == PurgeJobParameters.Source.DEACTIVATED && run.guards().deactivatedFor() != null
                ? new DeactivationGrace(candidates, outcomes, run.guards().deactivatedFor(), PurgeTargetLock.key(run.target()), clock)
                : DeactivationGrace.none(candidates);
        return new RemovalGuardTasklet(candidates, outcomes, attempts, client, plans, confirmation, provider,
                protectedAccounts(provider, execution), run.guards(), run.reportDir(),
                PurgeJobParameters.directorySize(execution.getJobParameters()), grace, history,
                run.source().name().toLowerCase(Locale.ROOT), release);
    }

    @Bean
    @StepScope
    DeprovisionWriter deprovisionWriter(ScimClient client, AccountRemoval removal, ErrorTranslation errors, JsonMapper jsonMapper,
            ProviderRun provider, ServiceCapabilities capabilities, Throughput throughput, RemovalAttemptLog attempts,
            OutcomeRepository outcomes, RequestWorkers workers, Retrying retrying, PurgeTargetLock targetLock, Clock clock,
            KeptResources kept, ScimPurgeProperties properties, JobRepository jobRepository, RemovalPipeline removalPipeline,
            CandidatePageReader plannedReader, PlatformTransactionManager transactionManager,
            @Value("#{stepExecution.jobExecution}") JobExecution execution) {
        PurgeJobParameters run = runOf(execution);
        boolean deactivatedRun = originalSource(run, jobRepository) == PurgeJobParameters.Source.DEACTIVATED;
        ScimPurgeProperties.KeepResources keeping = properties.job().keepResources();
        long instance = execution.getJobInstanceId();
        RemovalProcessor recheck = new RemovalProcessor(client, retrying, deactivatedRun, run.guards().deactivatedFor(), clock,
                keeping == ScimPurgeProperties.KeepResources.NONE ? RemovalProcessor.Keeper.NONE : kept.keeperFor(instance, execution.getId()),
                keeping == ScimPurgeProperties.KeepResources.ALL
                        || keeping == ScimPurgeProperties.KeepResources.NEEDED && provider.restore().givesBackKept()
                        ? candidate -> !kept.has(instance, candidate.seq()) : candidate -> false);
        RemovalModeChoice choice = new RemovalModeChoice(throughput.bulk(),
                "'" + provider.removalVariant() + "' (" + provider.removal().action() + ")", removal, capabilities,
                new RemovalModeChoice.Sending(recheck, client, jsonMapper, errors, provider.removalVerb(), workers, retrying,
                        throughput.ratePerSecond() > 0, run.verification(), provider.removalEffect(), removalPipeline::halted));
        ScimBaseUrl target = run.target();
        TransactionTemplate outcomeTransaction = new TransactionTemplate(transactionManager);
        outcomeTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // Under a --rate the pace, not the wait at a chunk's end, bounds the phase; and a stop still waits for one chunk at most.
        DeprovisionWriter.Sequence sequence = new DeprovisionWriter.Sequence(outcomeTransaction, plannedReader::hasMore,
                throughput.ratePerSecond() == 0, workers.concurrency());
        return new DeprovisionWriter(choice, () -> targetLock.confirmHeld(target), attempts, outcomes, removalPipeline, sequence,
                execution.getJobInstanceId(), execution.getId());
    }
}
