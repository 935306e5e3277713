package dev.scimpurge;

import java.time.Clock;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.ExecutionRegistry;
import dev.scimpurge.job.JobDatabaseSchema;
import dev.scimpurge.job.OwnerLiveness;
import dev.scimpurge.job.PurgeTargetLock;
import dev.scimpurge.job.TargetLockTable;
import dev.scimpurge.job.purge.KeptResources;
import dev.scimpurge.provider.ProviderConfiguration;
import dev.scimpurge.throughput.ThroughputConfiguration;

/**
 * The Spring context of {@code restore}: the job database (Spring Batch's repository, the outcome chain, the kept
 * resources, the target's lock, which a restore holds as a purge does) and the SCIM side of a purge, built by the same configurations from the {@code ProviderRun}, credentials,
 * {@code Throughput} and request events the command line registers; no job. Deliberately not a {@code @Configuration},
 * so that {@link PurgeApplication}'s component scan leaves it out.
 */
@EnableAutoConfiguration(exclude = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(ScimPurgeProperties.class)
@Import({JsonMapperConfiguration.class, JobDatabaseSchema.class, OutcomeRepository.class, KeptResources.class, TargetLockTable.class, ExecutionRegistry.class,
        OwnerLiveness.class, PurgeTargetLock.class, ProviderConfiguration.class, ThroughputConfiguration.class})
public class RestoreApplication {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
