package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;

/** {@code scim-purge sandbox}: a local SCIM 2.0 server with made-up users, to rehearse against. */
@Command(name = "sandbox",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
                "Starts a local SCIM 2.0 server on 127.0.0.1 seeded with made-up users, some deactivated,",
                "and serves until interrupted (Ctrl-C). Point 'purge --url' at it to rehearse a run."},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        footer = {"", ExitCodes.HELP_TEXT})
public class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1 (0 picks a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--users", paramLabel = "N", defaultValue = "50", description = "Number of users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--deactivated", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Fraction of users that are deactivated (default: ${DEFAULT-VALUE}).")
    double deactivatedFraction;

    @Option(names = "--latency", paramLabel = "MILLIS", defaultValue = "0",
            description = "Milliseconds added to every response (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Override
    public Integer call() throws InterruptedException {
        if (users < 0 || deactivatedFraction < 0 || deactivatedFraction > 1 || latencyMillis < 0) {
            throw new UsageException("--users and --latency must be >= 0, --deactivated between 0 and 1");
        }
        SandboxSettings settings = SandboxSettings.defaults()
                .withUsers(users)
                .withDeactivatedFraction(deactivatedFraction)
                .withLatency(Duration.ofMillis(latencyMillis));
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (SandboxScimServer server = SandboxScimServer.start(settings, port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            out.println("Sandbox SCIM server: " + server.baseUrl());
            out.println("  users: " + server.directory().size() + ", deactivated: " + server.directory().deactivated().size());
            out.println("  token: " + settings.token() + "   (a sandbox token; real tokens belong in SCIM_TOKEN or a file)");
            out.println("Try:  SCIM_TOKEN=" + settings.token() + " scim-purge purge --url " + server.baseUrl() + " --deactivated");
            out.println("Press Ctrl-C to stop.");
            out.flush();
            stopped.await();
        }
        return ExitCodes.SUCCESS;
    }
}
