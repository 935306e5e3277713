package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.ConsoleLog;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.TestCertificates;
import dev.scimpurge.support.TlsFront;
import dev.scimpurge.support.Workspace;

/**
 * Every way a run commonly goes wrong ends in one clear message on stderr that says what to do next, with
 * no stack frame on stdout (where the log goes) or stderr, and advice to run again only where that can help.
 * A configuration error (a wrong token, URL or certificate, a CSV that is not UTF-8) is found before
 * anything is resolved or removed.
 */
class CleanFailuresTest {

    private static final String TOKEN = "clean-token-1234";
    private static final String RUN_AGAIN = "Run the same command again";

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private Path csv;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withDeactivatedFraction(0.5).withToken(TOKEN), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", TOKEN);
        csv = workspace.file("users.csv", "user00001@example.test\nuser00002@example.test\nuser00003@example.test\n");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        System.clearProperty("scim-purge.http.read-timeout");
    }

    /** Runs the command in this JVM, with what the log writes to standard output captured too. */
    private static Run run(Supplier<CliResult> command) {
        ConsoleLog<CliResult> log = ConsoleLog.capture(command);
        return new Run(log.result(), log.text());
    }

    private record Run(CliResult result, String log) {

        String everything() {
            return result.out() + "\n" + log + "\n" + result.err();
        }

        Run assertClean(int exitCode) {
            assertThat(result.exitCode()).as(toString()).isEqualTo(exitCode);
            assertThat(everything()).as("no stack frames anywhere:\n" + this)
                    .doesNotContain("\tat ").doesNotContain("Caused by:").doesNotContainPattern("\\w+(Exception|Error)\\b");
            assertThat(log).as("the log repeats no error:\n" + this).doesNotContain(" ERROR ");
            assertThat(result.err().lines().filter(l -> !l.isBlank()).count()).as("one problem, one or two lines:\n" + this)
                    .isBetween(1L, 2L);
            assertThat(everything()).doesNotContain(TOKEN);
            return this;
        }

        @Override
        public String toString() {
            return result + "--- log ---\n" + log;
        }
    }

    @Test
    void aWrongTokenIsAConfigurationErrorFoundBeforeAnythingElse() {
        Run run = run(() -> workspace.env("SCIM_TOKEN", "wrong-token-5678").purge("--url", sandbox.baseUrl().toString(), "--deactivated"))
                .assertClean(ExitCodes.USAGE);

        assertThat(run.result().err()).contains("HTTP 401").contains("SCIM_TOKEN").contains("--token-file")
                .doesNotContain("wrong-token-5678").doesNotContain("restart");
        assertThat(sandbox.requests().total()).as("one request, no listing").isEqualTo(1);
    }

    @Test
    void aWrongPathIsFoundBeforeAnyRowIsResolvedWhateverTheLookup() {
        String wrong = "http://127.0.0.1:" + sandbox.port() + "/wrong/v2";
        for (String lookup : List.of("auto", "filter", "directory")) {
            Run run = run(() -> workspace.purge("--url", wrong, "--csv", csv.toString(), "--lookup", lookup, "--run-id", lookup))
                    .assertClean(ExitCodes.USAGE);
            assertThat(run.result().err()).as(lookup).contains("HTTP 404").contains(wrong + "/Users").contains("--url")
                    .doesNotContain(RUN_AGAIN);
        }
        assertThat(sandbox.requests().lines()).as("no lookup was sent").noneMatch(l -> l.contains("filter="));
        assertThat(workspace.outcomeCounts()).isEmpty();
    }

    @Test
    void aLoginPageInsteadOfScimIsAConfigurationErrorFoundBeforeAnythingElse() {
        sandbox.faults().onRoute("GET", "/scim/v2/Users", new RouteFault.Canned(200, "text/html", "<html><body>Please sign in</body></html>"));

        Run run = run(() -> workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString())).assertClean(ExitCodes.USAGE);

        assertThat(run.result().err()).contains("does not answer like a SCIM server").contains("Please sign in").contains("--url")
                .doesNotContain(RUN_AGAIN);
        assertThat(sandbox.requests().total()).as("the check alone").isEqualTo(1);
    }

    @Test
    void anUnreachableServerCanBeTriedAgain() {
        String url = sandbox.baseUrl().toString();
        sandbox.close();

        Run run = run(() -> workspace.purge("--url", url, "--deactivated")).assertClean(ExitCodes.JOB_FAILED);

        assertThat(run.result().err()).contains("could not talk to 127.0.0.1").contains("--url").contains(RUN_AGAIN);
        sandbox = SandboxScimServer.start(SandboxSettings.defaults(), 0);
    }

    @Test
    void aServerThatDoesNotAnswerCanBeTriedAgain() {
        System.setProperty("scim-purge.http.read-timeout", "300ms");
        sandbox.faults().latency(Duration.ofSeconds(2));

        Run run = run(() -> workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated")).assertClean(ExitCodes.JOB_FAILED);

        assertThat(run.result().err()).contains("no answer from 127.0.0.1 in time").contains(RUN_AGAIN);
    }

    @Test
    void anUntrustedCertificateSaysHowToTrustIt() throws Exception {
        TestCertificates certificates = TestCertificates.create(Files.createDirectories(dir.resolve("tls")));
        try (TlsFront https = new TlsFront(certificates, sandbox.port())) {
            Run run = run(() -> workspace.purge("--url", "https://127.0.0.1:" + https.port() + "/scim/v2", "--deactivated"))
                    .assertClean(ExitCodes.USAGE);

            assertThat(run.result().err()).contains("certificate").contains("--ca-cert").doesNotContain(RUN_AGAIN);
        }
        assertThat(sandbox.requests().total()).isZero();
    }

    @Test
    void aCsvThatIsNotUtf8IsRefusedBeforeTheRunStarts() {
        Path latin1 = workspace.file("latin1.csv", new byte[] {'o', 'k', '@', 'x', '.', 't', '\n', 'c', 'a', 'f', (byte) 0xE9, '@', 'x', '.', 't', '\n'});

        Run run = run(() -> workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", latin1.toString())).assertClean(ExitCodes.USAGE);

        assertThat(run.result().err()).contains("line 2 is not valid UTF-8").contains("iconv").doesNotContain(RUN_AGAIN);
        assertThat(sandbox.requests().total()).isZero();
        assertThat(workspace.database().resolveSibling("jobs.mv.db")).as("no run was started").doesNotExist();
    }

    @Test
    void aGuardRefusalIsOneMessageAndTheSummarySaysRefused() {
        Run tooMany = run(() -> workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--max-deletes", "3"))
                .assertClean(ExitCodes.REFUSED_BY_GUARD);
        Run share = run(() -> workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--max-delete-percent", "10",
                "--run-id", "2")).assertClean(ExitCodes.REFUSED_BY_GUARD);
        Run unconfirmed = run(() -> workspace.purgeWithoutYes("--url", sandbox.baseUrl().toString(), "--deactivated", "--run-id", "3"))
                .assertClean(ExitCodes.REFUSED_BY_GUARD);

        for (Run refused : List.of(tooMany, share, unconfirmed)) {
            assertThat(refused.result().out()).containsPattern("Execution \\d+ REFUSED").doesNotContain("FAILED");
        }
        assertThat(tooMany.result().err()).contains("more than --max-deletes 3");
        assertThat(unconfirmed.result().err()).contains("--yes");
        assertThat(sandbox.requests().count("DELETE")).isZero();
    }

    @Test
    void exclusiveOptionsGiveTheErrorAndWhereTheHelpIsNotTheWholeUsage() {
        CliResult result = workspace.run("purge", "--csv", csv.toString(), "--deactivated");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines().toList()).hasSize(2);
        assertThat(result.err()).contains("--csv").contains("--deactivated").contains("scim-purge purge --help");
    }

    /** The same promise in a process of its own, as cron runs it: the log's real standard output is read. */
    @Test
    void inAProcessOfItsOwnAFailureShowsNoStackFrames() throws Exception {
        Path latin1 = workspace.file("bad.csv", new byte[] {(byte) 0xFF, '\n'});
        try (ScimPurgeProcess wrongToken = workspace.env("SCIM_TOKEN", "wrong-token-5678").startInAnotherJvm("wrong-token",
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--deactivated"))) {
            assertThat(wrongToken.awaitExit(Duration.ofSeconds(60))).as(wrongToken.output()).isEqualTo(ExitCodes.USAGE);
            assertNoFrames(wrongToken.output());
        }
        try (ScimPurgeProcess refused = workspace.env("SCIM_TOKEN", TOKEN).startInAnotherJvm("refused",
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--max-deletes", "1"))) {
            assertThat(refused.awaitExit(Duration.ofSeconds(60))).as(refused.output()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
            assertNoFrames(refused.output());
        }
        try (ScimPurgeProcess notUtf8 = workspace.startInAnotherJvm("not-utf8",
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--csv", latin1.toString(), "--debug"))) {
            assertThat(notUtf8.awaitExit(Duration.ofSeconds(60))).isEqualTo(ExitCodes.USAGE);
            assertThat(notUtf8.output()).as("--debug is accepted and changes nothing here").contains("not valid UTF-8");
        }
    }

    private static void assertNoFrames(String output) {
        assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ").doesNotContainPattern("\\w+Exception\\b");
    }

    /** In a process of its own: Spring Boot keeps the first context's log settings for the life of a JVM. */
    @Test
    void debugShowsTheFramesOfAFailure() throws Exception {
        try (ScimPurgeProcess debug = workspace.startInAnotherJvm("debug",
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--deactivated", "--max-deletes", "1", "--debug"))) {
            assertThat(debug.awaitExit(Duration.ofSeconds(60))).as(debug.output()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
            assertThat(debug.output()).contains("\tat ").contains("RemovalGuardException");
        }
    }
}
