package dev.scimpurge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import dev.scimpurge.provider.Credentials;
import dev.scimpurge.provider.ProviderRun;

/** {@code scim-purge probe}: what the server really does, with read-only requests, and what a purge would decide from it. */
@Command(name = "probe",
        description = {
                "Reports what a SCIM server really does, with read-only requests: whether the token is accepted; "
                        + "ServiceProviderConfig as advertised beside what was observed; each lookup filter of the provider "
                        + "profile, tried on an account the directory lists by its own address (finds it, misses it, refused) "
                        + "in the case the server stores and in another; the page size asked for and served; whether "
                        + "totalResults matches the pages; each request's latency, and the 429s seen.",
                "",
                "It shows what a purge with the same options would decide from it: the lookup and why, and how "
                        + "removals would be sent. A purge makes these choices with the same code, before it removes anyone.",
                "",
                "It sends no request that changes anything: GET requests only. With --probe-bulk it adds one Bulk request "
                        + "that removes a random id no account can have, and expects a 404 for it.",
                "",
                "The token comes from the SCIM_TOKEN environment variable or --token-file, as for purge.",
                ""},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {"0:the server was probed (what it does wrong is in the report, not in the exit code)",
                " 2:the server could not be reached or did not answer; try again",
                "64:usage or configuration error (a wrong token, URL or certificate); nothing was probed"},
        footer = {"", "Examples:",
                "  SCIM_TOKEN=... scim-purge probe --url https://SITE/api/scim/v2",
                "  SCIM_TOKEN=... scim-purge probe --url https://SITE/api/scim/v2 --format json --probe-bulk",
                "  scim-purge probe --sandbox    (try it against a built-in sandbox)"})
public class ProbeCommand implements Callable<Integer> {

    @Mixin
    CommandEnvironment environment;

    @Mixin
    TargetOptions target;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    TransportOptions transport;

    @Mixin
    SandboxSeedOptions sandboxSeed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = ProbeFormatConverter.class,
            description = "table (default) or json.")
    ProbeFormat format = ProbeFormat.TABLE;

    @Option(names = "--probe-bulk",
            description = "Also send one SCIM Bulk request, built as a purge builds them, whose one operation removes a random "
                    + "id that cannot exist, and report what the server answered (a working Bulk endpoint: 404 for it).")
    boolean probeBulk;

    @Option(names = "--addresses", paramLabel = "N", defaultValue = "100",
            description = "The addresses a purge would look up, for its estimate of each lookup's time (default: ${DEFAULT-VALUE}).")
    long addresses = 100;

    @ArgGroup(exclusive = false, heading = "%nAs the purge would run (see README, Performance):%n")
    ThroughputOptions throughput = new ThroughputOptions();

    /** The probe's output formats. */
    enum ProbeFormat { TABLE, JSON }

    static final class ProbeFormatConverter implements ITypeConverter<ProbeFormat> {

        @Override
        public ProbeFormat convert(String value) {
            try {
                return ProbeFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected table or json, not '" + value + "'");
            }
        }
    }

    @Override
    public Integer call() {
        if (addresses < 1) {
            throw new UsageException("--addresses must be at least 1");
        }
        // JSON is the whole output: the sandbox's line goes to stderr then
        return target.run(environment, credentials, sandboxSeed, format == ProbeFormat.JSON ? environment.err() : environment.out(),
                this::probe);
    }

    private int probe(ProviderRun provider, Credentials given, boolean sandbox) {
        List<String> arguments = new ArrayList<>(transport.asSpringArguments(environment.err()));
        // the report is the output: JSON must stay parseable, and a table is not interleaved with log lines. Levels, not
        // logging.threshold.console: Spring Boot keeps that one in a system property for the rest of the JVM
        if (format == ProbeFormat.JSON) {
            arguments.addAll(List.of("--logging.level.root=OFF", "--logging.level.dev.scimpurge=OFF"));
        } else {
            arguments.add("--logging.level.dev.scimpurge=WARN");
        }
        arguments.addAll(environment.logArguments());
        return new ProbeRun(arguments, environment).execute(provider, given, throughput.resolve(provider.profile()), addresses, probeBulk,
                format == ProbeFormat.JSON);
    }
}
