package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** {@code scim-purge sandbox --provider}: choosing a personality, and what is printed for it. */
class SandboxCommandTest {

    @TempDir
    Path dir;

    private static SandboxPersonality parsed(String... args) {
        SandboxCommand command = new SandboxCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings().personality();
    }

    private static String briefing(SandboxPersonality personality) {
        SandboxSettings settings = SandboxSettings.defaults().withUsers(10).withPersonality(personality);
        try (SandboxScimServer server = SandboxScimServer.start(settings, 0)) {
            StringWriter text = new StringWriter();
            SandboxCommand.brief(new PrintWriter(text, true), server, settings);
            return text.toString().replace(server.siteUrl().toString(), "SITE");
        }
    }

    @Test
    void providerPicksThePersonalityIgnoringCaseAndDefaultsToGeneric() {
        assertThat(parsed()).isEqualTo(SandboxPersonality.GENERIC);
        assertThat(parsed("--provider", "SlAcK")).isEqualTo(SandboxPersonality.SLACK);
        assertThat(parsed("--provider", "stackoverflow")).isEqualTo(SandboxPersonality.STACKOVERFLOW);
        assertThat(parsed("--provider", "ANAPLAN")).isEqualTo(SandboxPersonality.ANAPLAN);
        assertThat(parsed("--provider", "Atlassian")).isEqualTo(SandboxPersonality.ATLASSIAN);
    }

    @Test
    void aProfileWithASandboxSectionIsPlayedFromItsDataAndItsBriefingPassesItsVariables() {
        SandboxCommand command = new SandboxCommand();
        new CommandLine(command).parseArgs("--provider", "GitHub-EMU", "--users", "10");
        SandboxSettings settings = command.settings();
        try (SandboxScimServer server = SandboxScimServer.start(settings, 0)) {
            StringWriter text = new StringWriter();
            SandboxCommand.brief(new PrintWriter(text, true), server, settings);
            assertThat(text.toString().replace(server.siteUrl().toString(), "SITE")).isEqualTo("""
                    Sandbox SCIM server (github-emu): SITE/scim/v2/enterprises/rehearsal
                      site:  SITE
                      users: 10, deactivated: 2
                      token: sandbox-token   (a sandbox token; real tokens belong in SCIM_TOKEN or a file)
                    Try:  SCIM_TOKEN=sandbox-token scim-purge purge --provider github-emu --url SITE --enterprise rehearsal --deactivated --yes
                    """);
        }
    }

    @Test
    void aProfileWithoutASandboxSectionIsAUsageErrorThatSaysSo() {
        CliResult result = new Workspace(dir).run("sandbox", "--provider", "slack-v1", "--port", "0");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("slack-v1", "no sandbox: section");
    }

    @Test
    void anUnknownProviderIsAUsageError() {
        CliResult result = new Workspace(dir).run("sandbox", "--provider", "okta", "--port", "0");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("okta", "stackoverflow", "atlassian");
        assertThat(new Workspace(dir).run("sandbox", "--help").out()).contains("--provider");
    }

    @Test
    void agedMustBeADuration() {
        CliResult result = new Workspace(dir).run("sandbox", "--aged", "forty days", "--port", "0");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--aged: 'forty days' is not a duration");
        assertThat(new Workspace(dir).run("sandbox", "--help").out()).contains("--aged");
    }

    @Test
    void genericPrintsTheScimBaseAndTokenAsBefore() {
        assertThat(briefing(SandboxPersonality.GENERIC)).isEqualTo("""
                Sandbox SCIM server: SITE/scim/v2
                  users: 10, deactivated: 2
                  token: sandbox-token   (a sandbox token; real tokens belong in SCIM_TOKEN or a file)
                Try:  SCIM_TOKEN=sandbox-token scim-purge purge --url SITE/scim/v2 --deactivated --yes
                """);
    }

    @Test
    void stackOverflowPrintsBothLayoutsAndPassesTheSite() {
        assertThat(briefing(SandboxPersonality.STACKOVERFLOW)).contains(
                "Sandbox SCIM server (stackoverflow): SITE/api/scim/v2\n",
                "  also:  SITE/auth/scim/v2\n",
                "  site:  SITE\n",
                "  token: sandbox-token",
                "Try:  SCIM_TOKEN=sandbox-token scim-purge purge --provider stackoverflow --url SITE --deactivated --yes");
    }

    @Test
    void slackPrintsBothVersions() {
        assertThat(briefing(SandboxPersonality.SLACK)).contains(
                "Sandbox SCIM server (slack): SITE/scim/v2\n", "  also:  SITE/scim/v1\n",
                "purge --provider slack --url SITE --deactivated --yes");
    }

    @Test
    void anaplanPrintsTheAuthEndpointsAndCredentials() {
        assertThat(briefing(SandboxPersonality.ANAPLAN)).contains(
                "Sandbox SCIM server (anaplan): SITE/scim/1/0/v2\n",
                "POST SITE/token/authenticate (HTTP Basic)", "POST SITE/token/refresh",
                "admin@example.test", "password: sandbox-password", "35 minutes",
                "Try:  ANAPLAN_USER=admin@example.test ANAPLAN_PASSWORD=sandbox-password scim-purge purge --provider anaplan --url SITE "
                        + "--auth-url SITE --deactivated --yes")
                .doesNotContain("SCIM_TOKEN");
    }

    @Test
    void atlassianPrintsTheDirectoryAndTheOrganization() {
        assertThat(briefing(SandboxPersonality.ATLASSIAN)).contains(
                "Sandbox SCIM server (atlassian): SITE/scim/directory/sandbox-directory\n",
                "  org:   sandbox-org\n",
                "DELETE SITE/admin/user-provisioning/v1/org/sandbox-org/user/{aaId}/onlyDeleteUserInDB",
                "purge --provider atlassian --url SITE --directory-id sandbox-directory --deactivated --yes");
    }

    @Test
    void bulkServesBulkWithItsLimitsAndSaysSo() {
        SandboxSettings settings = new SandboxSeed(10, 0.2, Duration.ZERO, 25, 4096).applyTo(SandboxSettings.defaults());
        try (SandboxScimServer server = SandboxScimServer.start(settings, 0)) {
            StringWriter text = new StringWriter();
            SandboxCommand.brief(new PrintWriter(text, true), server, settings);
            assertThat(text.toString().replace(server.siteUrl().toString(), "SITE"))
                    .contains("  bulk:  POST SITE/scim/v2/Bulk, at most 25 operations and 4096 bytes a request\n");
        }
        assertThat(new SandboxSeed(50, 0.2, Duration.ZERO, 0, 4096).applyTo(SandboxSettings.defaults()).bulk().supported()).isFalse();
    }

    @Test
    void bulkForAnotherProviderOrBelowZeroIsAUsageError() {
        CliResult slack = new Workspace(dir).run("sandbox", "--provider", "slack", "--bulk", "10", "--port", "0");
        assertThat(slack.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(slack.err()).contains("--bulk: only the generic sandbox serves SCIM Bulk");
        assertThat(new Workspace(dir).run("sandbox", "--bulk", "-1", "--port", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(new Workspace(dir).run("sandbox", "--help").out()).contains("--bulk", "--bulk-max-payload");
    }
}
