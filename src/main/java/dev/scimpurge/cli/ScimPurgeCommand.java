package dev.scimpurge.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code scim-purge}: the top-level command; the work is in its subcommands. What every command
 * shares is declared here once and inherited ({@code scope = INHERIT}): --help, --version and
 * --debug, the usage width, exit code 64 for invalid input, and the list of exit codes; a
 * subcommand declares only what differs (its description, its examples, sandbox its exit codes).
 */
@Command(name = "scim-purge",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        versionProvider = VersionProvider.class,
        description = {
                "Removes users from SaaS services over SCIM 2.0: from a CSV of emails, or every deactivated user.",
                "Runs are restartable, every row's outcome is recorded, and failures go to a JSON report.",
                "Deletion is irreversible: rehearse with 'purge --sandbox' first."},
        subcommands = {PurgeCommand.class, SandboxCommand.class, RestartCommand.class, StopCommand.class, AbandonCommand.class,
                ProbeCommand.class, RestoreCommand.class, HistoryCommand.class, AuditCommand.class, CompletionCommand.class,
                picocli.CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {ExitCodes.LIST_SUCCESS, ExitCodes.LIST_ITEMS_FAILED, ExitCodes.LIST_JOB_FAILED, ExitCodes.LIST_REFUSED_BY_GUARD,
                ExitCodes.LIST_ALREADY_RUNNING, ExitCodes.LIST_CHAIN_BROKEN, ExitCodes.LIST_USAGE},
        footer = {"", "'scim-purge COMMAND --help' shows a command's options; the manual is in docs/."})
public class ScimPurgeCommand implements Runnable {

    private final Map<String, String> environment;
    private final StateDirectory state;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Also print the stack traces of a failure (stderr) and log them (the log), e.g. for a bug report. "
                    + "Without it a problem is one line on stderr.")
    boolean debug;

    ScimPurgeCommand(Map<String, String> environment, StateDirectory state) {
        this.environment = environment;
        this.state = state;
    }

    Map<String, String> environment() {
        return environment;
    }

    boolean debug() {
        return debug;
    }

    /** Spring Boot arguments for a command's context: with --debug, the log gives stack frames and Spring Batch's own failure lines. */
    List<String> logArguments() {
        return debug ? List.of("--logging.exception-conversion-word=%wEx", "--logging.level.reported-failures=ERROR") : List.of();
    }

    /** Where the job database and the reports go by default. */
    StateDirectory state() {
        return state;
    }

    @Override
    public void run() {
        throw new UsageException("name a command: " + String.join(", ", spec.subcommands().keySet()));
    }
}
