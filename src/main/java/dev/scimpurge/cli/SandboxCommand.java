package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.scimpurge.job.guard.GracePeriod;
import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;

/** {@code scim-purge sandbox}: a local SCIM 2.0 server with made-up users, to rehearse against. */
@Command(name = "sandbox",
        description = {
                "Serves made-up users over SCIM 2.0, to rehearse purges against.",
                "",
                "Starts a local SCIM 2.0 server on 127.0.0.1, seeded with made-up users, some deactivated, and serves them until it is stopped "
                        + "(Ctrl-C or SIGTERM). It prints its URL, its credentials and a purge command to try against it. "
                        + "With --provider it behaves like that service: its URLs, authentication, errors and rules.",
                ""},
        modelTransformer = SandboxSeedOptions.WithoutPrefix.class,
        exitCodeList = {"64:usage or configuration error (a bad option, or the port is taken: choose another --port, or --port 0 "
                + "for a free one); nothing started"},
        footer = {"", "Otherwise it serves until stopped: Ctrl-C or SIGTERM end it, and the shell reports 130 or 143."})
public class SandboxCommand implements Callable<Integer> {

    @Mixin
    CommandEnvironment environment;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1 (0 picks a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    SandboxSeedOptions seed;

    @Option(names = "--aged", paramLabel = "DURATION",
            description = "Every user looks last modified this long ago (meta.lastModified), e.g. 40d, to rehearse a purge's "
                    + "--deactivated-for (default: just now).")
    @Nullable String aged;

    @SuppressWarnings("NullAway.Init") // picocli always sets it: its defaultValue
    @Option(names = "--provider", paramLabel = "NAME", defaultValue = "generic",
            description = "Service to imitate: generic, stackoverflow, anaplan, slack or atlassian, in any case, or a provider"
                    + " profile with a sandbox: section (" + ProfileSandbox.NAMES + ") (default: ${DEFAULT-VALUE}).")
    String provider;

    /** The sandbox --provider asks for, seeded by the seed options. */
    SandboxSettings settings() {
        return ProfileSandbox.settings(provider, seed);
    }

    private Duration age() {
        try {
            GracePeriod period = aged == null ? null : GracePeriod.parse(aged);
            return period == null ? Duration.ZERO : period.length();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--aged: " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        SandboxSettings settings = settings().withAged(age());
        PrintWriter out = environment.out();
        CountDownLatch stopped = new CountDownLatch(1);
        try (SandboxScimServer server = start(settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            brief(out, server, settings);
            out.println("Press Ctrl-C to stop.");
            out.flush();
            stopped.await();
        }
        return ExitCodes.SUCCESS;
    }

    private SandboxScimServer start(SandboxSettings settings) {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be within 0..65535 (0 picks a free one)");
        }
        try {
            return SandboxScimServer.start(settings, port);
        } catch (UncheckedIOException e) {
            throw new UsageException("cannot listen on 127.0.0.1:" + port + " (" + Objects.requireNonNull(e.getCause()).getMessage()
                    + "): choose another --port, or --port 0 for a free one");
        }
    }

    /** Prints where the sandbox is, what to log in with, and the purge command that rehearses against it. */
    static void brief(PrintWriter out, SandboxScimServer server, SandboxSettings settings) {
        Briefing briefing = server.profile().isPresent() ? new ProfileBriefing(server.providerName())
                : Briefing.of(server.personality());
        boolean generic = server.profile().isEmpty() && server.personality() == SandboxPersonality.GENERIC;
        String label = generic ? "" : " (" + server.providerName() + ")";
        out.println("Sandbox SCIM server" + label + ": " + server.baseUrl());
        server.scimBaseUrls().stream().skip(1).forEach(other -> out.println("  also:  " + other));
        if (!generic) {
            out.println("  site:  " + server.siteUrl());
        }
        out.println("  users: " + server.directory().size() + ", deactivated: " + server.directory().deactivated().size());
        if (settings.bulk().supported()) {
            out.println("  bulk:  POST " + server.baseUrl() + "/Bulk, at most " + settings.bulk().maxOperations()
                    + " operations and " + settings.bulk().maxPayloadSize() + " bytes a request");
        }
        briefing.access(server, settings).forEach(line -> out.println("  " + line));
        out.println("Try:  " + briefing.purgeCommand(server, settings));
    }

    /** What an operator needs for one personality: how to log in, and which purge command to run. */
    private interface Briefing {

        /** The sandbox's users are made up: the command runs from a script too, where there is no terminal to confirm on. */
        String UNATTENDED = " --yes";

        List<String> access(SandboxScimServer server, SandboxSettings settings);

        String purgeCommand(SandboxScimServer server, SandboxSettings settings);

        static Briefing of(SandboxPersonality personality) {
            return switch (personality) {
                case GENERIC -> new BearerBriefing(null, SandboxScimServer::baseUrl);
                // These services' SCIM APIs live at a fixed path on their host, so their profiles take the site.
                case STACKOVERFLOW, SLACK -> new BearerBriefing(personality, SandboxScimServer::siteUrl);
                case ATLASSIAN -> new AtlassianBriefing();
                case ANAPLAN -> new AnaplanBriefing();
            };
        }

        static String tokenLine(SandboxSettings settings) {
            return "token: " + settings.token() + "   (a sandbox token; real tokens belong in SCIM_TOKEN or a file)";
        }

        static String provider(@Nullable SandboxPersonality personality) {
            return personality == null ? "" : " --provider " + personality.providerName();
        }
    }

    /** A service played from its profile: a bearer token, the site as {@code --url}, and the profile's variables. */
    private record ProfileBriefing(String provider) implements Briefing {

        @Override
        public List<String> access(SandboxScimServer server, SandboxSettings settings) {
            return List.of(Briefing.tokenLine(settings));
        }

        @Override
        public String purgeCommand(SandboxScimServer server, SandboxSettings settings) {
            return "SCIM_TOKEN=" + settings.token() + " scim-purge purge --provider " + provider + " --url " + server.siteUrl()
                    + ProfileSandbox.variableOptions(provider) + " --deactivated" + UNATTENDED;
        }
    }

    /** A bearer token in SCIM_TOKEN, and {@code --url} the SCIM base or the site; no {@code --provider} if null. */
    private record BearerBriefing(@Nullable SandboxPersonality provider, Function<SandboxScimServer, URI> url)
            implements Briefing {

        @Override
        public List<String> access(SandboxScimServer server, SandboxSettings settings) {
            return List.of(Briefing.tokenLine(settings));
        }

        @Override
        public String purgeCommand(SandboxScimServer server, SandboxSettings settings) {
            return "SCIM_TOKEN=" + settings.token() + " scim-purge purge" + Briefing.provider(provider)
                    + " --url " + url.apply(server) + " --deactivated" + Briefing.UNATTENDED;
        }
    }

    /** The directory's SCIM base, plus the organization the admin API's onlyDeleteUserInDB needs. */
    private record AtlassianBriefing() implements Briefing {

        @Override
        public List<String> access(SandboxScimServer server, SandboxSettings settings) {
            String orgId = settings.atlassianIds().orgId();
            return List.of("org:   " + orgId,
                    "admin: DELETE " + server.siteUrl() + "/admin/user-provisioning/v1/org/" + orgId
                            + "/user/{aaId}/onlyDeleteUserInDB",
                    Briefing.tokenLine(settings),
                    "org key: " + settings.atlassianIds().orgApiKey() + "   (the admin API's; ATLASSIAN_ORG_API_KEY for --only-delete-in-db)");
        }

        @Override
        public String purgeCommand(SandboxScimServer server, SandboxSettings settings) {
            return new BearerBriefing(SandboxPersonality.ATLASSIAN, SandboxScimServer::siteUrl)
                    .purgeCommand(server, settings)
                    .replace(" --deactivated", " --directory-id " + settings.atlassianIds().directoryId() + " --deactivated");
        }
    }

    /** A user and password for the auth service, which hands out the tokens SCIM wants. */
    private record AnaplanBriefing() implements Briefing {

        @Override
        public List<String> access(SandboxScimServer server, SandboxSettings settings) {
            return List.of("auth:  POST " + server.siteUrl() + "/token/authenticate (HTTP Basic), POST "
                            + server.siteUrl() + "/token/refresh",
                    "user:  " + settings.anaplanLogin().user() + "   password: " + settings.anaplanLogin().password()
                            + "   (sandbox credentials; tokens live " + settings.anaplanLogin().tokenLifetime()
                            .toMinutes() + " minutes)");
        }

        @Override
        public String purgeCommand(SandboxScimServer server, SandboxSettings settings) {
            return CredentialOptions.USER_VARIABLE + "=" + settings.anaplanLogin().user() + " " + CredentialOptions.PASSWORD_VARIABLE
                    + "=" + settings.anaplanLogin().password() + " scim-purge purge" + Briefing.provider(SandboxPersonality.ANAPLAN)
                    + " --url " + server.siteUrl() + " --auth-url " + server.siteUrl() + " --deactivated" + Briefing.UNATTENDED;
        }
    }
}
