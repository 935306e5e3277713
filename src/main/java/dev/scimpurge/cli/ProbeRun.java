package dev.scimpurge.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import dev.scimpurge.ProbeApplication;
import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.job.RunRefusedException;
import dev.scimpurge.job.TargetCheck;
import dev.scimpurge.job.lookup.DirectoryCopyTasklet;
import dev.scimpurge.job.lookup.LookupChoice;
import dev.scimpurge.job.lookup.LookupDecision;
import dev.scimpurge.job.lookup.LookupUntrustedException;
import dev.scimpurge.job.purge.BulkProbe;
import dev.scimpurge.job.purge.RemovalModeChoice;
import dev.scimpurge.probe.PageObservation;
import dev.scimpurge.probe.PagingCheck;
import dev.scimpurge.probe.PagingObservation;
import dev.scimpurge.probe.ProbeReport;
import dev.scimpurge.probe.RequestTally;
import dev.scimpurge.probe.ServerProbe;
import dev.scimpurge.provider.AccountRemoval;
import dev.scimpurge.provider.Advertised;
import dev.scimpurge.provider.AuthenticationSchemes;
import dev.scimpurge.provider.Credentials;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.provider.ServiceCapabilities;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimListPage;
import dev.scimpurge.throughput.Throughput;

/**
 * Starts {@code probe}'s Spring context (the SCIM side of a purge, see {@link ProbeApplication}), finds out what the
 * server does with the purge's own code ({@link TargetCheck}, {@link ServerProbe}, {@link LookupChoice},
 * {@link RemovalModeChoice}), and prints it.
 */
final class ProbeRun {

    private final List<String> contextArguments;
    private final CommandEnvironment environment;

    ProbeRun(List<String> contextArguments, CommandEnvironment environment) {
        this.contextArguments = List.copyOf(contextArguments);
        this.environment = environment;
    }

    int execute(ProviderRun provider, Credentials credentials, Throughput throughput, long addresses, boolean probeBulk, boolean json) {
        RequestTally tally = new RequestTally();
        SpringApplicationBuilder builder = CommandContexts.builder(ProbeApplication.class).initializers(context -> {
            context.getBeanFactory().registerSingleton("providerRun", provider);
            context.getBeanFactory().registerSingleton("credentials", credentials);
            context.getBeanFactory().registerSingleton("throughput", throughput);
            context.getBeanFactory().registerSingleton("requestEvents", tally);
        });
        try (ConfigurableApplicationContext context = CommandContexts.start(builder, contextArguments)) {
            Duration authentication;
            String authenticated;
            long start = System.nanoTime();
            try {
                // the purge's check: a wrong token, URL or certificate ends here, in the purge's words
                boolean listed = context.getBean(TargetCheck.class).verify().isPresent();
                authentication = since(start);
                authenticated = listed ? "accepted" : provider.removal().takesIds()
                        ? "not checked: this removal does not use the SCIM Users endpoint"
                        : "not refused, but the plain listing was answered with an error (see the first page below)";
            } catch (RunRefusedException e) {
                environment.err().println("error: " + e.getMessage());
                return ExitCodes.forRefusal(e.reason());
            }
            ProbeFindings findings = probe(context, provider, throughput, addresses, probeBulk, tally, authentication, authenticated);
            if (json) {
                new ProbeOutput(findings).json(context.getBean(JsonMapper.class), environment.out());
            } else {
                new ProbeOutput(findings).table(environment.out());
            }
            return ExitCodes.SUCCESS;
        }
    }

    private static ProbeFindings probe(ConfigurableApplicationContext context, ProviderRun provider, Throughput throughput, long addresses,
            boolean probeBulk, RequestTally tally, Duration authentication, String authenticated) {
        ScimClient client = context.getBean(ScimClient.class);
        Retrying retrying = context.getBean(Retrying.class);
        ServiceCapabilities capabilities = context.getBean(ServiceCapabilities.class);
        long start = System.nanoTime();
        Advertised advertised = capabilities.advertised();
        ServiceCapabilities.Bulk bulk = capabilities.bulk();
        Duration serviceProviderConfig = since(start);
        boolean consulted = Boolean.TRUE.equals(provider.profile().serviceProviderConfig());

        List<String> filters = provider.profile().lookup().filters();
        ServerProbe probe = new ServerProbe(client, retrying, capabilities, context.getBean(ScimPurgeProperties.class).job().listPageSize());
        ServerProbe.Probed probed = probe.probeKeepingFirstPage(filters, account -> false);
        ProbeReport report = probed.report();
        PageObservation first = report.firstPage();
        ScimListPage firstPage = probed.firstPage();
        PagingObservation paging = first == null || firstPage == null ? null : new PagingCheck(client, retrying).check(first, firstPage);

        LookupDecision lookup = null;
        String lookupRefusal = null;
        try {
            lookup = new LookupChoice(throughput, DirectoryCopyTasklet.directoryAttributes(filters).isPresent()).decide(report, filters, addresses);
        } catch (LookupUntrustedException | IllegalStateException e) {
            lookupRefusal = e.getMessage();
        }
        AccountRemoval removal = context.getBean(AccountRemoval.class);
        Optional<String> perUser = RemovalModeChoice.perUserBecause(throughput.bulk(), "'" + provider.removalVariant() + "'", removal,
                capabilities);
        BulkProbe.Observation bulkAnswer = probeBulk ? new BulkProbe(client, context.getBean(JsonMapper.class), removal).send() : null;
        String credentials = AuthenticationSchemes.needsUserAndPassword(provider.profile()) ? "user and password" : "token";
        return new ProbeFindings(provider.scimBase().toString(), provider.profile().name(), credentials, authenticated, authentication, consulted, advertised, bulk,
                serviceProviderConfig, report, paging, addresses, throughput, lookup, lookupRefusal, perUser.orElse(null), bulkAnswer,
                tally.counts());
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Everything a probe found, for the table and the JSON.
     *
     * @param credentials   what authenticates: {@code token}, or {@code user and password}
     * @param authenticated {@code accepted}, or why the check could not say so
     * @param lookup        the lookup a purge would choose, or null when it would stop
     * @param lookupRefusal why a purge would stop before resolving, or null
     * @param perUser       why a purge would send one removal request per user, or null when it would send Bulk requests
     * @param bulkAnswer    what --probe-bulk's request got, or null without it
     */
    record ProbeFindings(String target, String provider, String credentials, String authenticated, Duration authentication, boolean serviceProviderConfigRead, Advertised advertised,
            ServiceCapabilities.Bulk bulk, Duration serviceProviderConfigLatency, ProbeReport report, @Nullable PagingObservation paging,
            long addresses, Throughput throughput, @Nullable LookupDecision lookup, @Nullable String lookupRefusal,
            @Nullable String perUser, BulkProbe.@Nullable Observation bulkAnswer, RequestTally.Counts requests) {
    }
}
