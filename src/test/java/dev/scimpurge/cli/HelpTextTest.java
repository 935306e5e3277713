package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** What --help says: whole sentences, the exit codes that apply to the command, and every outcome there is. */
class HelpTextTest {

    @TempDir
    Path dir;

    private static List<CommandLine> everyCommand(CommandLine command) {
        List<CommandLine> all = new ArrayList<>(List.of(command));
        command.getSubcommands().values().stream()
                .filter(sub -> !sub.getCommandName().equals("help"))
                .forEach(sub -> all.addAll(everyCommand(sub)));
        return all;
    }

    /**
     * picocli starts a new line after every element of a description, and the list of commands shows the
     * first: an element that ends mid-sentence prints as a line cut off ("some deactivated," / "and serves").
     */
    @Test
    void everyLineOfEveryDescriptionIsAWholeSentenceOrParagraph() {
        for (CommandLine command : everyCommand(new CommandLine(new ScimPurgeCommand(Map.of(), StateDirectory.of(Map.of(), dir))))) {
            String[] description = command.getCommandSpec().usageMessage().description();
            assertThat(description).as(command.getCommandSpec().qualifiedName()).isNotEmpty();
            for (String line : description) {
                if (!line.isBlank()) {
                    assertThat(line.strip()).as(command.getCommandSpec().qualifiedName() + ": a line that ends a sentence")
                            .matches("(?s).*[.:)]$");
                }
            }
        }
    }

    @Test
    void sandboxHelpDescribesTheSandboxAndListsOnlyTheExitCodesThatApplyToIt() {
        CliResult help = new Workspace(dir).run("sandbox", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("seeded with made-up users, some deactivated, and serves them until it is stopped");
        assertThat(help.out()).contains("Exit codes", "64   usage or configuration error", "--port 0")
                .doesNotContain("safety guard", "failure report", "audit verify", "another purge");
        // the column is as wide as the longest command's name
        assertThat(new Workspace(dir).run("--help").out())
                .containsPattern("\n  sandbox +Serves made-up users over SCIM 2.0, to rehearse purges against.\n");
    }

    @Test
    void aSandboxWhosePortIsTakenSaysSoInOneLineAndExitsWith64() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliResult sandbox = new Workspace(dir).run("sandbox", "--port", String.valueOf(taken.getLocalPort()));

            assertThat(sandbox.exitCode()).as(sandbox.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(sandbox.err().lines().findFirst().orElseThrow()).contains("127.0.0.1:" + taken.getLocalPort(), "--port 0");
            assertThat(sandbox.err()).doesNotContain("Exception");
        }
    }

    @Test
    void auditAndHistoryNameEveryOutcomeThereIs() {
        Workspace workspace = new Workspace(dir);
        String auditHelp = workspace.run("audit", "--help").out().replaceAll("\\s+", " ");
        String historyHelp = workspace.run("history", "--help").out().replaceAll("\\s+", " ");
        CliResult unknownOutcome = workspace.run("audit", "--outcome", "vanished", "--db", workspace.database().toString());

        for (Outcome outcome : Outcome.values()) {
            String name = outcome.name().toLowerCase(Locale.ROOT);
            assertThat(auditHelp).as("audit --help names " + name).contains(name);
            assertThat(historyHelp).as("history --help names " + name).contains(name);
            assertThat(unknownOutcome.err()).as("the note on an unknown outcome names " + name).contains(name);
        }
        assertThat(historyHelp).contains("under OTHER");
    }
}
