package dev.scimpurge.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.scimpurge.audit.ExecutionHistory;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.output.Column;

/** {@code scim-purge history}: one line per job execution, newest first. */
@Command(name = "history",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
                "Lists job executions, newest first: execution and job instance, provider, target URL, source "
                        + "(CSV name and the start of its SHA-256, or deactivated), start, end, status, how many rows "
                        + "ended in each outcome, and the failure report.",
                "",
                "Reads the job database only, and works while a purge is running in another process.",
                ""},
        subcommands = {HistoryPruneCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        footer = {"", "Examples:",
                "  scim-purge history",
                "  scim-purge history --limit 100 --format csv > history.csv",
                "  scim-purge history prune --before 2026-01-01",
                "", ExitCodes.HELP_TEXT})
public class HistoryCommand implements Callable<Integer> {

    static final List<Column> COLUMNS = List.of(
            Column.number("execution", 9), Column.number("instance", 8), Column.text("provider", 8),
            Column.text("target", 10), Column.text("source", 11), Column.text("start", 19), Column.text("end", 19),
            Column.text("status", 9), Column.number("deleted", 7), Column.number("already_gone", 12),
            Column.number("duplicate", 9), Column.number("not_found", 9), Column.number("failed", 6),
            Column.text("other", 5), Column.text("report", 6));

    @ParentCommand
    ScimPurgeCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "At most N executions, the newest (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    OutputFormatOption output;

    @Mixin
    DatabaseOptions database;

    ScimPurgeCommand parent() {
        return parent;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        return Listing.print(database, parent.environment(), output.format, spec.commandLine().getOut(), spec.commandLine().getErr(),
                COLUMNS, (jdbc, rows) -> new ExecutionHistory(jdbc).forEachNewestFirst(limit, run -> rows.row(
                        run.jobExecutionId(), run.jobInstanceId(), run.provider(), run.target(), run.source(), run.start(),
                        run.end(), run.status(), run.count(Outcome.DELETED), run.count(Outcome.ALREADY_GONE),
                        run.count(Outcome.DUPLICATE), run.count(Outcome.NOT_FOUND), run.count(Outcome.FAILED),
                        run.otherCounts(), run.reportPath())));
    }
}
