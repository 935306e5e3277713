package dev.scimpurge.metrics;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.report.RunSummaryQuery;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The run's meter registry, and the observation registry that turns Spring Batch's observations of
 * the job and its steps into timers (Spring Boot hands it to the job and steps once it exists).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

    @Bean(destroyMethod = "close")
    PrometheusMeterRegistry prometheusMeterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Bean
    ObservationRegistry observationRegistry(PrometheusMeterRegistry registry) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        return observations;
    }

    @Bean
    PurgeMeters purgeMeters(PrometheusMeterRegistry registry) {
        return new PurgeMeters(registry);
    }

    @Bean
    MetricsPush metricsPush(PrometheusMeterRegistry registry, PurgeMeters meters, RunSummaryQuery summaries, MetricsProperties properties,
            ScimPurgeProperties settings) {
        return new MetricsPush(registry, meters, summaries, properties, settings.http().connectTimeout());
    }
}
