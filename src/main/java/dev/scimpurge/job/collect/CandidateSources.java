package dev.scimpurge.job.collect;

import org.springframework.stereotype.Component;

import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.scim.ScimClient;

/** Picks the {@link CandidateSource} a run's parameters ask for. */
@Component
public class CandidateSources {

    private final ScimClient client;
    private final ScimPurgeProperties properties;

    public CandidateSources(ScimClient client, ScimPurgeProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    public CandidateSource forRun(PurgeJobParameters run) {
        return switch (run.source()) {
            case CSV -> new CsvEmailSource(run.csvFile(), properties.input().maxLineChars());
            case DEACTIVATED -> new DeactivatedUserSource(client, properties.job().listPageSize(), properties.job().maxListPages());
        };
    }
}
