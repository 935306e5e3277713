package dev.scimpurge.job.collect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.PurgeJobParameters;

/**
 * Step 1: writes the run's candidates into PURGE_CANDIDATE before anything is removed, in
 * batches that commit one by one (memory and the database's undo log stay flat whatever the
 * input's size). An interrupted collection is redone from the start: it first clears what an
 * earlier attempt of this job instance left.
 */
public class CandidateCollectionTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CandidateCollectionTasklet.class);

    private final CandidateSources sources;
    private final CandidateTable candidates;
    private final OutcomeRepository outcomes;
    private final TransactionTemplate ownTransaction;

    public CandidateCollectionTasklet(CandidateSources sources, CandidateTable candidates, OutcomeRepository outcomes,
            PlatformTransactionManager transactionManager) {
        this.sources = sources;
        this.candidates = candidates;
        this.outcomes = outcomes;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        long jobInstanceId = step.getJobExecution().getJobInstanceId();
        long jobExecutionId = step.getJobExecution().getId();
        CandidateSource source = sources.forRun(PurgeJobParameters.from(step.getJobExecution().getJobParameters()));

        ownTransaction.executeWithoutResult(status -> candidates.clear(jobInstanceId));
        CollectedRows rows = new CollectedRows(candidates, outcomes, ownTransaction, jobInstanceId, jobExecutionId);
        source.readInto(rows);
        rows.flush();
        int duplicates = candidates.moveDuplicatesToOutcomes(jobInstanceId, jobExecutionId);

        long toProcess = rows.accepted() - duplicates;
        contribution.incrementWriteCount(toProcess);
        contribution.incrementFilterCount(rows.rejected() + duplicates);
        log.info("Collected {} rows from {}: {} to process, {} rejected, {} duplicates",
                rows.accepted() + rows.rejected(), source.describe(), toProcess, rows.rejected(), duplicates);
        return RepeatStatus.FINISHED;
    }
}
