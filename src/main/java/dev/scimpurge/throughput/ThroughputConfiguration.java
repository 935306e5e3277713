package dev.scimpurge.throughput;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.scim.RequestEvents;
import dev.scimpurge.scim.RequestPacer;
import dev.scimpurge.scim.RetryPolicy;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.TransportHealth;

/**
 * The shared machinery of a fast run, built from the {@link Throughput} that the command line
 * registers: the worker pool, the token bucket every request takes from, the outage detector
 * and the retry policy.
 */
@Configuration(proxyBeanMethods = false)
public class ThroughputConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ThroughputConfiguration.class);

    @Bean(destroyMethod = "close")
    RequestWorkers requestWorkers(Throughput throughput) {
        return new RequestWorkers(throughput.concurrency());
    }

    /**
     * The given rate; with none, one learned from the server's 429s unless {@code scim-purge.http.learn-rate-from-429} is
     * off, starting at the pace the target's runs learned before (where the context keeps one) and kept as it changes.
     */
    @Bean
    RequestPacer requestPacer(Throughput throughput, ScimPurgeProperties properties, ObjectProvider<LearnedPace> learnedPace) {
        if (throughput.ratePerSecond() > 0 || !properties.http().learnRateFrom429()) {
            return RequestPacer.fixed(throughput.ratePerSecond(), throughput.burst());
        }
        LearnedPace kept = learnedPace.getIfAvailable();
        if (kept == null) {
            return RequestPacer.learningFrom429s();
        }
        double rate = kept.rate();
        if (rate > 0) {
            log.info("Pacing requests at {}/s from the start: the pace earlier runs of this target learned from its 429s",
                    String.format(Locale.ROOT, "%.1f", rate));
        }
        return RequestPacer.learningFrom429s(rate, kept::keep);
    }

    @Bean
    TransportHealth transportHealth(ScimPurgeProperties properties) {
        return new TransportHealth(properties.http().outageAfter());
    }

    @Bean
    Retrying retrying(Throughput throughput, ScimPurgeProperties properties, TransportHealth health, RequestEvents requestEvents) {
        ScimPurgeProperties.Http http = properties.http();
        return new Retrying(new RetryPolicy(throughput.maxAttempts(), http.firstBackoff(), http.longestBackoff()), health,
                requestEvents);
    }
}
