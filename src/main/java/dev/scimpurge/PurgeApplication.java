package dev.scimpurge;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Spring context of one purge run. The command line builds it (see {@code cli.PurgeCommand})
 * after parsing and validating the options, and registers the run's {@code ProviderRun}, credentials
 * and confirmation.
 */
@SpringBootApplication
@EnableConfigurationProperties(ScimPurgeProperties.class)
public class PurgeApplication {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
