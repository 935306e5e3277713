package dev.scimpurge.provider;

import java.time.Clock;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.scim.RequestPacer;
import dev.scimpurge.scim.RequestEvents;
import dev.scimpurge.scim.RetryAfter;
import dev.scimpurge.scim.ScimAuthentication;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimHttpClientFactory;
import dev.scimpurge.scim.TransportHealth;
import dev.scimpurge.throughput.Throughput;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SCIM side of a run, built from the {@link ProviderRun} and {@link Credentials} that the
 * command line registers: the HTTP client, the authentication scheme, the SCIM client, the email
 * lookup, the removal action and the error translation the profile asks for.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderConfiguration {

    /** One connection per worker: the pool is as large as the run's concurrency. */
    @Bean(destroyMethod = "close")
    CloseableHttpClient scimHttpClient(ScimPurgeProperties properties, Throughput throughput) {
        ScimPurgeProperties.Http http = properties.http();
        return ScimHttpClientFactory.create(http.connectTimeout(), http.readTimeout(), throughput.concurrency(),
                http.caCert(), http.insecureSkipTlsVerify(), http.proxy());
    }

    @Bean
    ScimAuthentication scimAuthentication(ProviderRun run, Credentials credentials, CloseableHttpClient scimHttpClient,
            JsonMapper jsonMapper, Clock clock) {
        return AuthenticationSchemes.create(run, credentials, scimHttpClient, jsonMapper, clock);
    }

    @Bean
    ScimClient scimClient(ProviderRun run, CloseableHttpClient scimHttpClient, ScimAuthentication scimAuthentication,
            JsonMapper jsonMapper, Clock clock, ScimPurgeProperties properties, RequestPacer pacer, TransportHealth health,
            RequestEvents requestEvents) {
        ScimPurgeProperties.Http http = properties.http();
        return new ScimClient(run.scimBase(), scimHttpClient, scimAuthentication, jsonMapper,
                new RetryAfter(clock, http.longestRetryAfter()), pacer, health,
                new ScimClient.Settings(run.profile().usersPath(), http.maxResponseBytes(), http.maxRetriesAfter(),
                        run.profile().pacing().paces() == ProviderProfile.PacedRequests.ALL,
                        run.profile().maxPageSize() == null ? 0 : run.profile().maxPageSize(),
                        Boolean.TRUE.equals(run.profile().deactivated().activeAsText()), run.profile().paging(),
                        run.profile().csv().idAttribute()), requestEvents);
    }

    @Bean
    AccountRemoval accountRemoval(ScimClient scimClient, ProviderRun run) {
        return RemovalActions.create(scimClient, run);
    }

    @Bean
    ServiceCapabilities serviceCapabilities(ScimClient scimClient, ProviderRun run) {
        return new ServiceCapabilities(scimClient, Boolean.TRUE.equals(run.profile().serviceProviderConfig()));
    }

    @Bean
    ErrorTranslation errorTranslation(ProviderRun run) {
        return new ErrorTranslation(run.profile().errors());
    }
}
