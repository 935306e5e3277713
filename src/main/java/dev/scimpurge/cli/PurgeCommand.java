package dev.scimpurge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.scim.BearerTokenAuthentication;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.scim.ScimConnection;

/** {@code scim-purge purge}: collects the users to remove, then removes them, restartably. */
@Command(name = "purge",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
                "Removes the users listed in a CSV (--csv), or every deactivated user (--deactivated), from a SCIM 2.0 service.",
                "",
                "The run first writes its list of users into the job database, then removes them chunk by chunk, "
                        + "recording each row's outcome. If it stops (crash, kill, network, expired token), run the same "
                        + "command again: it continues after the last committed chunk. A run that completed is not repeated; "
                        + "pass a new --run-id to purge again with the same input.",
                "",
                "The token comes from the SCIM_TOKEN environment variable or --token-file.",
                ""},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        footer = {"", "Examples:",
                "  SCIM_TOKEN=... scim-purge purge --url https://SITE/api/scim/v2 --csv users.csv",
                "  scim-purge purge --url https://SITE/api/scim/v2 --token-file /run/secrets/scim --deactivated",
                "  scim-purge purge --sandbox --deactivated    (rehearse against a built-in sandbox)",
                "", ExitCodes.HELP_TEXT})
public class PurgeCommand implements Callable<Integer> {

    @ParentCommand
    ScimPurgeCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "The SCIM base URL, the part before /Users (e.g. https://SITE/api/scim/v2). https:// is required except for loopback hosts.")
    String url;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static class Source {
        @Option(names = "--csv", paramLabel = "FILE", required = true,
                description = "A CSV whose first column is an email address (header row optional, UTF-8, quoted fields allowed).")
        Path csv;

        @Option(names = "--deactivated", required = true,
                description = "Remove every user the service lists as deactivated (active = false).")
        boolean deactivated;
    }

    @Mixin
    TokenOptions token;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where to write failed_deletions_<time>.json (default: the working directory).")
    Path reportDir;

    @Option(names = "--run-id", paramLabel = "ID", defaultValue = "1",
            description = "Names the run. The same URL, input and run id continue one run; a new id starts a new run (default: ${DEFAULT-VALUE}).")
    String runId;

    @Mixin
    DatabaseOptions database;

    @ArgGroup(exclusive = false, heading = "%nRehearsal against the built-in sandbox server:%n")
    SandboxOptions sandbox;

    static class SandboxOptions {
        @Option(names = "--sandbox", required = true,
                description = "Run against an in-process sandbox SCIM server instead of --url (no token needed).")
        boolean enabled;

        @Option(names = "--sandbox-users", paramLabel = "N", defaultValue = "50", description = "Users in the sandbox (default: ${DEFAULT-VALUE}).")
        int users;

        @Option(names = "--sandbox-deactivated", paramLabel = "FRACTION", defaultValue = "0.2",
                description = "Fraction of the sandbox users that are deactivated (default: ${DEFAULT-VALUE}).")
        double deactivatedFraction;

        @Option(names = "--sandbox-latency", paramLabel = "MILLIS", defaultValue = "0",
                description = "Latency the sandbox adds to every request, in milliseconds (default: ${DEFAULT-VALUE}).")
        long latencyMillis;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (sandbox != null) {
            if (url != null) {
                throw new UsageException("--sandbox and --url exclude each other");
            }
            SandboxSettings settings = SandboxSettings.defaults()
                    .withUsers(sandbox.users)
                    .withDeactivatedFraction(sandbox.deactivatedFraction)
                    .withLatency(Duration.ofMillis(sandbox.latencyMillis));
            try (SandboxScimServer server = SandboxScimServer.start(settings, 0)) {
                spec.commandLine().getOut().println("Sandbox SCIM server with " + server.directory().size() + " users at " + server.baseUrl());
                return run(ScimBaseUrl.parse(server.baseUrl().toString()), settings.token());
            }
        }
        if (url == null) {
            throw new UsageException("--url is required (or --sandbox to rehearse)");
        }
        ScimBaseUrl target;
        try {
            target = ScimBaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url: " + e.getMessage());
        }
        return run(target, token.resolve(parent.environment(), err));
    }

    private int run(ScimBaseUrl target, String secret) {
        PurgeJobParameters run = new PurgeJobParameters(target,
                source.deactivated ? PurgeJobParameters.Source.DEACTIVATED : PurgeJobParameters.Source.CSV,
                source.csv == null ? null : readableFile(source.csv),
                source.csv == null ? null : sha256(source.csv),
                runId, reportDir.toAbsolutePath().normalize());
        return new PurgeRun(database.resolve(parent.environment()), spec.commandLine().getOut(), spec.commandLine().getErr())
                .execute(run, new ScimConnection(target, new BearerTokenAuthentication(secret)));
    }

    private static Path readableFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new UsageException("--csv: cannot read " + absolute);
        }
        return absolute;
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UsageException("--csv: cannot read " + file + " (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
