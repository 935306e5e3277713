package dev.scimpurge.job.collect;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.PurgeJobParameters;

/**
 * Step 1: writes the run's candidates into PURGE_CANDIDATE before anything is removed. Runs in
 * one transaction: an interrupted collection leaves nothing behind and is simply redone, and a
 * committed one is kept.
 */
public class CandidateCollectionTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CandidateCollectionTasklet.class);

    private final CandidateSources sources;
    private final CandidateTable candidates;
    private final OutcomeRepository outcomes;
    private final DeactivationSightings sightings;
    private final Clock clock;

    public CandidateCollectionTasklet(CandidateSources sources, CandidateTable candidates, OutcomeRepository outcomes,
            DeactivationSightings sightings, Clock clock) {
        this.sources = sources;
        this.candidates = candidates;
        this.outcomes = outcomes;
        this.sightings = sightings;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        long jobInstanceId = step.getJobExecution().getJobInstanceId();
        long jobExecutionId = step.getJobExecution().getId();
        PurgeJobParameters run = PurgeJobParameters.from(step.getJobExecution().getJobParameters());
        CandidateSource source = sources.forRun(run);

        if (candidates.isCollected(jobInstanceId)) {
            log.info("The candidates of job instance {} were collected by an earlier execution; keeping them", jobInstanceId);
            return RepeatStatus.FINISHED;
        }
        CollectedRows rows = new CollectedRows(candidates, outcomes, jobInstanceId, jobExecutionId);
        source.readInto(rows);
        rows.flush();
        int duplicates = candidates.moveDuplicatesToOutcomes(jobInstanceId, jobExecutionId);
        if (run.source() == PurgeJobParameters.Source.DEACTIVATED) {
            // Every listing, with or without a grace period: a nightly run that sets one later can prove it from the first night.
            sightings.recordListing(run.target(), jobInstanceId, clock.instant());
        }

        long toProcess = rows.accepted() - duplicates;
        contribution.incrementWriteCount(toProcess);
        contribution.incrementFilterCount(rows.rejected() + duplicates);
        log.info("Collected {} rows from {}: {} to process, {} rejected, {} duplicates",
                rows.accepted() + rows.rejected(), source.describe(), toProcess, rows.rejected(), duplicates);
        return RepeatStatus.FINISHED;
    }
}
