package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.FailingRuns;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * What the command line declares once and every command shares: the standard options, --debug and one
 * list of exit codes in every --help; the run options of purge and restart; the sandbox's seed, validated
 * alike for {@code sandbox} and {@code purge --sandbox} (exit 64, as for every wrong option); and exit 2 for a job database
 * that cannot be reached, as for a service.
 */
class CommandLineScaffoldTest {

    @TempDir
    Path dir;

    private static List<String> everySubcommand(CommandLine command) {
        List<String> names = new ArrayList<>();
        command.getSubcommands().values().stream()
                .filter(sub -> !sub.getCommandName().equals("help"))
                .forEach(sub -> {
                    names.add(sub.getCommandSpec().qualifiedName(" ").substring("scim-purge ".length()));
                    names.addAll(everySubcommand(sub));
                });
        return names;
    }

    /**
     * Commands that list their own exit codes: they never run or read a purge job (probe: only the SCIM side of a run), or
     * their codes mean other things (restore: an account not restored, a restore not confirmed).
     */
    private static final Set<String> RUN_NO_JOB = Set.of("sandbox", "completion", "probe", "restore");

    @Test
    void everyCommandsHelpShowsTheSharedOptionsAndOneListOfExitCodes() {
        Workspace workspace = new Workspace(dir);
        List<String> commands = everySubcommand(new CommandLine(new ScimPurgeCommand(Map.of(), StateDirectory.of(Map.of(), dir))));
        assertThat(commands).contains("purge", "restart", "sandbox", "audit verify", "history prune");

        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            CliResult help = workspace.run(args.toArray(String[]::new));

            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("-h, --help", "-V, --version", "--debug");
            assertThat(help.out().split("\nExit codes:\n", -1)).as(command + ": one list of exit codes").hasSize(2);
            assertThat(help.out()).as(command).contains("  64   usage or configuration error");
            if (!RUN_NO_JOB.contains(command)) { // they list only the codes they can end with
                assertThat(help.out()).as(command).contains("   2   the job did not finish", "   5   audit verify");
            }
        }
    }

    @Test
    void theSandboxSeedIsValidatedAlikeForTheSandboxAndForPurgeSandbox() {
        Workspace workspace = new Workspace(dir);

        CliResult sandbox = workspace.run("sandbox", "--users", "-1", "--port", "0");
        CliResult purge = workspace.purge("--sandbox", "--deactivated", "--sandbox-users", "-1");
        CliResult payload = workspace.purge("--sandbox", "--deactivated", "--sandbox-bulk", "5", "--sandbox-bulk-max-payload", "0");

        assertThat(sandbox.exitCode()).as(sandbox.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(sandbox.err()).contains("--users must be 0 or more");
        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(purge.err()).contains("--sandbox-users must be 0 or more").doesNotContain("Exception");
        assertThat(payload.exitCode()).as(payload.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(payload.err()).contains("--sandbox-bulk-max-payload must be within 1..1048576");
        assertThat(workspace.database().resolveSibling(workspace.database().getFileName() + ".mv.db")).as("no job was started")
                .doesNotExist();
    }

    @Test
    void aSandboxSeedWithoutTheSandboxIsAUsageError() {
        try (SandboxScimServer server = SandboxScimServer.start(SandboxSettings.defaults().withToken("t0k"), 0)) {
            CliResult result = new Workspace(dir).env("SCIM_TOKEN", "t0k")
                    .purge("--url", server.baseUrl().toString(), "--deactivated", "--sandbox-users", "10");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).contains("--sandbox-users needs --sandbox");
            assertThat(server.requests().total()).as("nothing was sent").isZero();
        }
    }

    /** Like a service that cannot be reached: the same command gets past it later (2), unlike a wrong option (64). */
    @Test
    void aJobDatabaseThatCannotBeReachedIsToBeTriedAgain() throws Exception {
        Workspace workspace = new Workspace(dir);
        try (RefusingDatabase database = RefusingDatabase.start()) {
            String unreachable = database.url();

            CliResult audit = workspace.run("audit", "--db-url", unreachable);
            int stopExit;
            String stopOutput;
            // in a JVM of its own, so that what its logging prints is seen too
            try (ScimPurgeProcess stop = workspace.startInAnotherJvm("stop", List.of("stop", "1", "--db-url", unreachable, "--wait", "0"))) {
                stopExit = stop.awaitExit(Duration.ofMinutes(3));
                stopOutput = stop.output();
            }

            assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(audit.err()).contains("cannot read the job database at " + unreachable).doesNotContain("Exception");
            assertThat(stopExit).as(stopOutput).isEqualTo(ExitCodes.JOB_FAILED);
            // one line says it all: Spring's own report of the failed start, cause by cause, stays out of the output
            assertThat(stopOutput.lines().filter(line -> !line.isBlank()).toList()).as(stopOutput)
                    .singleElement().asString().startsWith("error: cannot open the job database at " + unreachable);
            // the pool keeps trying for its initialization-fail-timeout (15 s, once a second), once, not once per schema attempt
            assertThat(database.connections()).as("connections opened").isLessThanOrEqualTo(2 * 20);
        }
    }

    /** A loopback port that accepts every connection and closes it at once, counting them. */
    private record RefusingDatabase(ServerSocket socket, AtomicInteger accepted, Thread acceptor)
            implements AutoCloseable {

        static RefusingDatabase start() throws IOException {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            AtomicInteger accepted = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "refusing-database");
            acceptor.setDaemon(true);
            acceptor.start();
            return new RefusingDatabase(socket, accepted, acceptor);
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/scim_purge";
        }

        int connections() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** restart runs the same job as purge, with the same run options: here the log format, in a JVM of its own for its logging. */
    @Test
    void restartTakesTheRunOptionsOfPurge() throws Exception {
        try (SandboxScimServer sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(30).withToken("right-token"), 0)) {
            Workspace workspace = new Workspace(dir).env("SCIM_TOKEN", "right-token");
            Path csv = workspace.file("users.csv", "user00001@example.test\nuser00002@example.test\n");
            FailingRuns.revokeTheTokenAfterTheCheck(sandbox);
            CliResult failed = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString());
            assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.JOB_FAILED);
            sandbox.faults().clearRouteFaults();

            int exit;
            String output;
            try (ScimPurgeProcess restart = workspace.startInAnotherJvm("restart",
                    workspace.commandArguments("restart", "--last", "--log-format", "json", "--yes"))) {
                exit = restart.awaitExit(Duration.ofMinutes(2));
                output = restart.output();
            }

            assertThat(exit).as(output).isEqualTo(ExitCodes.SUCCESS);
            assertThat(output).doesNotContain("Unknown option");
            JsonMapper json = JsonMapper.builder().build();
            List<JsonNode> logLines = output.lines().filter(line -> line.startsWith("{")).map(json::readTree).toList();
            assertThat(logLines).as(output).isNotEmpty()
                    .allSatisfy(line -> assertThat(line.path("log").path("level").asString()).isNotEmpty());
            assertThat(sandbox.directory().size()).isEqualTo(28);
        }
    }
}
