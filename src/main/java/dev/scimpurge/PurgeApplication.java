package dev.scimpurge;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Spring context of one purge run. The command line builds it (see {@code cli.PurgeCommand})
 * after parsing and validating the options, and registers the run's {@code ProviderRun}, credentials
 * and confirmation. It scans only the packages that hold components: the other half of the classes
 * (command line, sandbox, SCIM client, probe, restore) were read for nothing at every purge's start;
 * and its JSON mapper is {@link JsonMapperConfiguration}'s.
 */
@SpringBootApplication(exclude = JacksonAutoConfiguration.class, scanBasePackages = {"dev.scimpurge.audit", "dev.scimpurge.job", "dev.scimpurge.metrics", "dev.scimpurge.monitoring",
        "dev.scimpurge.notify", "dev.scimpurge.provider", "dev.scimpurge.report", "dev.scimpurge.throughput"})
@EnableConfigurationProperties(ScimPurgeProperties.class)
@Import(JsonMapperConfiguration.class)
public class PurgeApplication {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
