package dev.scimpurge.job.collect;

import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.provider.ProviderProfile;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.provider.ServiceCapabilities;
import dev.scimpurge.scim.EmailResolver;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import tools.jackson.databind.json.JsonMapper;

/** Picks the {@link CandidateSource} a run's parameters and provider ask for. */
@Component
public class CandidateSources {

    private final ScimClient client;
    private final ProviderRun provider;
    private final ServiceCapabilities capabilities;
    private final ScimPurgeProperties properties;
    private final JdbcTemplate jdbc;
    private final Retrying retrying;
    private final JsonMapper mapper;

    public CandidateSources(ScimClient client, ProviderRun provider, ServiceCapabilities capabilities, ScimPurgeProperties properties,
            JdbcTemplate jdbc, Retrying retrying, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.retrying = retrying;
        this.mapper = mapper;
        this.client = client;
        this.provider = provider;
        this.capabilities = capabilities;
        this.properties = properties;
    }

    /**
     * Whether a CSV of account ids is resolved through the profile's id attribute: where the profile names one and the
     * removal acts in the SCIM directory (onlyDeleteUserInDB takes the account ids themselves).
     */
    private boolean resolvesIds() {
        return provider.profile().csv().idAttribute() != null && !provider.removal().takesIds();
    }

    public CandidateSource forRun(PurgeJobParameters run) {
        ProviderProfile profile = provider.profile();
        return switch (run.source()) {
            case CSV -> new CsvSource(Objects.requireNonNull(run.csvFile()),
                    new CsvLayout(profile.csv().idColumn(), profile.csv().emailColumn(), provider.removal().takesIds(), resolvesIds()),
                    properties.input().maxLineChars(), resolvesIds() ? new AccountIdDirectory(client,
                            Objects.requireNonNull(profile.csv().idAttribute()), capabilities.pageSize(properties.job().listPageSize()),
                            properties.job().maxListPages()) : null);
            case DEACTIVATED -> new DeactivatedUserSource(client, capabilities.filterSupported() ? profile.deactivated().filter() : null,
                    capabilities.pageSize(properties.job().listPageSize()), properties.job().maxListPages());
            case RETRY -> new RetryFailedSource(jdbc, Objects.requireNonNull(run.retry()));
            case KEEP_ONLY -> new KeepOnlySource(Objects.requireNonNull(run.csvFile()), new CsvLayout(profile.csv().idColumn(), profile.csv().emailColumn(), false),
                    properties.input().maxLineChars(), client, capabilities.pageSize(properties.job().listPageSize()),
                    properties.job().maxListPages(), run.guards());
            case APPLY_PLAN -> new ApprovedPlanSource(Objects.requireNonNull(run.csvFile()), Objects.requireNonNull(run.planDigest()), mapper,
                    client, retrying, new EmailResolver(client, profile.lookup().filters()));
        };
    }
}
