package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** Options, help and usage errors of the real command line. */
class CommandLineTest {

    @TempDir
    Path dir;

    private Workspace workspace;
    private SandboxScimServer sandbox;

    @BeforeEach
    void start() {
        workspace = new Workspace(dir);
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(5).withToken("a-distinctive-token-7f3a"), 0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        CliResult top = workspace.run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("purge", "sandbox", "Exit codes", "irreversible");

        CliResult purge = workspace.run("purge", "--help");
        assertThat(purge.exitCode()).isZero();
        assertThat(purge.out()).contains("--url", "--csv", "--deactivated", "--token-file", "--token", "SCIM_TOKEN",
                "--report-dir", "--run-id", "--db", "--sandbox", "Exit codes");

        CliResult sandboxHelp = workspace.run("sandbox", "--help");
        assertThat(sandboxHelp.exitCode()).isZero();
        assertThat(sandboxHelp.out()).contains("--port", "--users", "--latency");
    }

    @Test
    void usageErrorsExitWith64AndSayWhatIsWrong() {
        assertThat(workspace.purge("--url", sandbox.baseUrl().toString()).exitCode()).isEqualTo(ExitCodes.USAGE);

        CliResult both = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--csv", "x.csv");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");

        CliResult noUrl = workspace.env("SCIM_TOKEN", "t").purge("--deactivated");
        assertThat(noUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noUrl.err()).contains("--url is required");

        CliResult plainHttp = workspace.env("SCIM_TOKEN", "t").purge("--url", "http://scim.example.com/v2", "--deactivated");
        assertThat(plainHttp.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(plainHttp.err()).contains("only allowed for loopback");

        CliResult missingCsv = workspace.env("SCIM_TOKEN", "t").purge("--url", sandbox.baseUrl().toString(), "--csv", dir.resolve("nope.csv").toString());
        assertThat(missingCsv.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingCsv.err()).contains("cannot read");
        assertThat(sandbox.requests().total()).isZero();
    }

    @Test
    void withoutATokenNothingRuns() {
        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("SCIM_TOKEN", "--token-file");
        assertThat(sandbox.requests().total()).isZero();
    }

    @Test
    void readsTheTokenFromAFile() {
        Path tokenFile = workspace.file("secret/token", "a-distinctive-token-7f3a\n");
        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--token-file", tokenFile.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.all()).doesNotContain("a-distinctive-token-7f3a");

        CliResult empty = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--run-id", "2",
                "--token-file", workspace.file("secret/empty", "\n").toString());
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).contains("is empty");
    }

    @Test
    void theTokenFlagWorksButWarnsAndTheTokenIsNeverPrinted() {
        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--token", "a-distinctive-token-7f3a");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.err()).contains("WARNING: --token makes the token visible in the process list");
        assertThat(result.all()).doesNotContain("a-distinctive-token-7f3a");
    }

    @Test
    void theSandboxOptionRehearsesWithoutAToken() {
        CliResult result = workspace.purge("--sandbox", "--deactivated", "--sandbox-users", "40");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Sandbox SCIM server (generic) with 40 users").containsPattern("deleted\\s+8");
    }

    @Test
    void theTokenNeverReachesTheJobDatabaseOrTheReport() throws Exception {
        sandbox.faults().failUser("user00001@example.test", 500, "boom");
        CliResult result = workspace.env("SCIM_TOKEN", "a-distinctive-token-7f3a")
                .purge("--url", sandbox.baseUrl().toString(), "--csv", workspace.file("u.csv", "user00001@example.test\nuser00002@example.test\n").toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);

        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                byte[] bytes = java.nio.file.Files.readAllBytes(file);
                assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain("a-distinctive-token-7f3a");
            }
        }
        assertThat(workspace.reportFiles()).hasSize(1);
        assertThat(java.nio.file.Files.exists(workspace.database().resolveSibling("jobs.mv.db"))).isTrue();
    }
}
