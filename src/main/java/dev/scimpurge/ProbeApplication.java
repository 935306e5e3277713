package dev.scimpurge;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.scimpurge.job.TargetCheck;
import dev.scimpurge.provider.ProviderConfiguration;
import dev.scimpurge.throughput.ThroughputConfiguration;

/**
 * The Spring context of {@code probe}: the SCIM side of a purge run, built by the same configurations
 * ({@link ProviderConfiguration}, {@link ThroughputConfiguration}) from the {@code ProviderRun}, credentials,
 * {@code Throughput} and request events the command line registers, and the purge's {@link TargetCheck}; no job, no
 * job database. Deliberately not a {@code @Configuration}, so that {@link PurgeApplication}'s component scan leaves it out.
 */
@EnableConfigurationProperties(ScimPurgeProperties.class)
@Import({JsonMapperConfiguration.class, ProviderConfiguration.class, ThroughputConfiguration.class, TargetCheck.class})
public class ProbeApplication {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
