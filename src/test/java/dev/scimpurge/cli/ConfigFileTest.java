package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** purge --config FILE: settings from a YAML file, overridden by SCIM_PURGE_PURGE_* variables, overridden by options. */
class ConfigFileTest {

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(40).withDeactivatedFraction(0.25).withToken("t0k"), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "t0k");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** A nightly file: everything the run needs, so the command line is only --config. */
    private Path nightlyConfig(String extraPurgeKeys) {
        return nightlyConfig(extraPurgeKeys, "");
    }

    private Path nightlyConfig(String extraPurgeKeys, String extraScimPurgeKeys) {
        String purgeKeys = extraPurgeKeys.contains("max-deletes:") ? extraPurgeKeys : "max-deletes: 100\n" + extraPurgeKeys;
        return workspace.file("nightly.yml", """
                scim-purge:
                  purge:
                    url: %s
                    deactivated: true
                    yes: true
                    run-id: "nightly-{date}"
                    db: %s
                    report-dir: %s
                %s%s""".formatted(sandbox.baseUrl(), workspace.database(), workspace.reports(), purgeKeys.indent(4),
                extraScimPurgeKeys.indent(2)));
    }

    @Test
    void aConfigFileDescribesTheWholeRunAndADatedRunIdStartsANewRunEachDay() {
        CliResult result = workspace.run("purge", "--config", nightlyConfig("").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(result.out()).contains("run id nightly-" + LocalDate.now())
                .contains("Settings from " + dir.resolve("nightly.yml") + ": url, deactivated, ")
                .contains("max-deletes").contains("run-id").contains("db").contains("report-dir");
        assertThat(workspace.latestReport().get("status").asString()).isEqualTo("success");
    }

    @Test
    void environmentVariablesOverrideTheFileAndOptionsOverrideBoth() {
        Path config = nightlyConfig("dry-run: true");
        workspace.env("SCIM_PURGE_PURGE_RUN_ID", "from-env").env("SCIM_PURGE_PURGE_DRY_RUN", "false");

        CliResult fromEnvironment = workspace.run("purge", "--config", config.toString());
        CliResult fromOption = workspace.run("purge", "--config", config.toString(), "--run-id", "from-option");

        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(fromEnvironment.out()).contains("run id from-env").contains("from the environment: run-id, dry-run")
                .doesNotContain("Dry run");
        assertThat(sandbox.directory().deactivated()).as("dry-run: true in the file was overridden by the environment").isEmpty();
        assertThat(fromOption.out()).contains("run id from-option");
    }

    @Test
    void theSpringBootSpellingOfAVariableWorksToo() {
        workspace.env("SCIMPURGE_PURGE_RUNID", "relaxed");

        CliResult result = workspace.run("purge", "--config", nightlyConfig("").toString());

        assertThat(result.out()).as(result.toString()).contains("run id relaxed");
    }

    @Test
    void guardsFromTheFileApply() {
        CliResult result = workspace.run("purge", "--config", nightlyConfig("max-deletes: 3").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(sandbox.directory().deactivated()).hasSize(10);
    }

    @Test
    void aSourceOnTheCommandLineReplacesTheFilesSource() {
        Path csv = workspace.file("users.csv", sandbox.directory().deactivated().get(0).userName() + "\n");

        CliResult result = workspace.run("purge", "--config", nightlyConfig("").toString(), "--csv", csv.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Purging CSV " + csv);
        assertThat(sandbox.directory().deactivated()).hasSize(9);
    }

    @Test
    void anUnknownKeyOrVariableIsAnErrorNotASilentDefault() {
        CliResult misspeltKey = workspace.run("purge", "--config", nightlyConfig("max-delete: 3").toString());
        CliResult nestedKey = workspace.run("purge", "--config", nightlyConfig("guards:\n  max-deletes: 3").toString());
        CliResult misspeltVariable = new Workspace(dir).env("SCIM_PURGE_PURGE_MAX_DELETE", "3")
                .run("purge", "--config", nightlyConfig("").toString());

        assertThat(misspeltKey.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(misspeltKey.err()).contains("unknown key(s) under scim-purge.purge: max-delete").contains("max-deletes");
        assertThat(nestedKey.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nestedKey.err()).contains("guards.max-deletes");
        assertThat(misspeltVariable.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(misspeltVariable.err()).contains("SCIM_PURGE_PURGE_MAX_DELETE");
        assertThat(sandbox.directory().deactivated()).hasSize(10);
    }

    @Test
    void theTokenNeverComesFromTheFileButTheTokenFileDoes() {
        CliResult tokenInFile = workspace.run("purge", "--config", nightlyConfig("token: t0k").toString());
        Path tokenFile = workspace.file("secrets/token", "t0k\n");
        CliResult tokenFileInFile = new Workspace(dir).run("purge", "--config", nightlyConfig("token-file: " + tokenFile).toString());

        assertThat(tokenInFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tokenInFile.err()).contains("'token' cannot come from a config file").doesNotContain("t0k");
        assertThat(tokenFileInFile.exitCode()).as(tokenFileInFile.toString()).isEqualTo(ExitCodes.SUCCESS);
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        CliResult result = workspace.run("purge", "--config", dir.resolve("nope.yml").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--config: cannot read");
    }

    @Test
    void theFileMayTuneTheRunsSpringContextToo() {
        sandbox.faults().latency(java.time.Duration.ofMillis(500));

        CliResult result = workspace.run("purge", "--config", nightlyConfig("", "http:\n  read-timeout: 100ms").toString());

        assertThat(result.exitCode()).as("a 100 ms read timeout from the file reached the HTTP client: " + result)
                .isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(result.err()).contains("no answer from 127.0.0.1 in time");
    }

    @Test
    void applicationYmlDocumentsEveryKeyAFileMaySet() throws Exception {
        String documented = java.nio.file.Files.readString(Path.of("config/application.yml"));
        picocli.CommandLine.Model.CommandSpec purge = new picocli.CommandLine(new ScimPurgeCommand(java.util.Map.of(), StateDirectory.of(java.util.Map.of(), Path.of("home"))))
                .getSubcommands().get("purge").getCommandSpec();

        assertThat(ConfigFileArguments.settableOptions(purge).keySet()).isNotEmpty()
                .filteredOn(key -> !ConfigFileArguments.SECRETS.contains("--" + key))
                .allSatisfy(key -> assertThat(documented).containsPattern("(?m)^  #   " + key + ":"));
    }
}
