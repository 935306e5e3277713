package dev.scimpurge.scim;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.scimpurge.ScimPurgeProperties;
import tools.jackson.databind.json.JsonMapper;

/** The SCIM client of a run, built from the {@link ScimConnection} the command line registers. */
@Configuration(proxyBeanMethods = false)
public class ScimClientConfiguration {

    @Bean(destroyMethod = "close")
    CloseableHttpClient scimHttpClient(ScimPurgeProperties properties) {
        ScimPurgeProperties.Http http = properties.http();
        return ScimHttpClientFactory.create(http.connectTimeout(), http.readTimeout(), http.maxConnections());
    }

    @Bean
    ScimClient scimClient(ScimConnection connection, CloseableHttpClient scimHttpClient, JsonMapper jsonMapper,
            ScimPurgeProperties properties) {
        return new ScimClient(connection.baseUrl(), scimHttpClient, connection.authentication(),
                new ScimResponseParser(jsonMapper), properties.http().maxResponseBytes());
    }

    @Bean
    EmailResolver emailResolver(ScimClient scimClient) {
        return new EmailResolver(scimClient);
    }
}
