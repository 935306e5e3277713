package dev.scimpurge.job;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.Map;

import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.job.collect.CandidateCollectionTasklet;
import dev.scimpurge.job.collect.CandidateSources;
import dev.scimpurge.job.collect.CandidateTable;
import dev.scimpurge.job.purge.AccountResolver;
import dev.scimpurge.job.purge.DeprovisionWriter;
import dev.scimpurge.job.purge.RemovalAttemptLog;
import dev.scimpurge.job.purge.Resolution;
import dev.scimpurge.scim.EmailResolver;
import dev.scimpurge.scim.ScimClient;

/**
 * The purge job: collect the candidates, then, chunk by chunk, read them back, resolve each to
 * an account and remove it. Outcomes are recorded per row; the failure report is written by
 * {@link PurgeRunListener} at the end of every execution.
 */
@Configuration(proxyBeanMethods = false)
public class PurgeJobConfiguration {

    public static final String JOB_NAME = "purge";

    @Bean
    Job purgeJob(JobRepository jobRepository, Step collectCandidatesStep, Step purgeStep, PurgeRunListener runListener) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runListener)
                .start(collectCandidatesStep)
                .next(purgeStep)
                .build();
    }

    @Bean
    Step collectCandidatesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            CandidateSources sources, CandidateTable candidates, OutcomeRepository outcomes) {
        return new StepBuilder("collectCandidates", jobRepository)
                .tasklet(new CandidateCollectionTasklet(sources, candidates, outcomes), transactionManager)
                .build();
    }

    @Bean
    Step purgeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ScimPurgeProperties properties,
            JdbcPagingItemReader<Candidate> candidateReader, AccountResolver accountResolver, DeprovisionWriter deprovisionWriter) {
        return new StepBuilder("purge", jobRepository)
                .<Candidate, Resolution>chunk(properties.job().chunkSize())
                .transactionManager(transactionManager)
                .reader(candidateReader)
                .processor(accountResolver)
                .writer(deprovisionWriter)
                .build();
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<Candidate> candidateReader(DataSource dataSource, ScimPurgeProperties properties,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) throws Exception {
        return new JdbcPagingItemReaderBuilder<Candidate>()
                .name("candidates")
                .dataSource(dataSource)
                .selectClause("SEQ, LINE_NO, INPUT_VALUE, MATCH_KEY, ACCOUNT_ID")
                .fromClause("PURGE_CANDIDATE c")
                // A row with an outcome was committed by an earlier chunk. Skipping those keeps a restart right even
                // without the reader's saved position, which Spring Batch 6 persists only at the first commit: a
                // restart killed before it would otherwise start again from the first row.
                .whereClause("c.JOB_INSTANCE_ID = :jobInstanceId AND NOT EXISTS (SELECT 1 FROM PURGE_OUTCOME o "
                        + "WHERE o.JOB_INSTANCE_ID = c.JOB_INSTANCE_ID AND o.SEQ = c.SEQ)")
                .parameterValues(Map.of("jobInstanceId", jobInstanceId))
                .sortKeys(Map.of("SEQ", Order.ASCENDING))
                .pageSize(properties.job().chunkSize())
                .rowMapper((rs, i) -> new Candidate(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .build();
    }

    @Bean
    @StepScope
    AccountResolver accountResolver(EmailResolver emailResolver, RemovalAttemptLog attempts,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        return new AccountResolver(emailResolver, attempts, jobInstanceId);
    }

    @Bean
    @StepScope
    DeprovisionWriter deprovisionWriter(ScimClient client, RemovalAttemptLog attempts, OutcomeRepository outcomes,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId,
            @Value("#{stepExecution.jobExecution.id}") long jobExecutionId) {
        return new DeprovisionWriter(client, attempts, outcomes, jobInstanceId, jobExecutionId);
    }
}
