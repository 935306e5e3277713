package dev.scimpurge.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;

import dev.scimpurge.audit.ExecutionHistory;
import dev.scimpurge.audit.ExecutionRecord;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.output.Column;
import dev.scimpurge.audit.output.OutputFormat;

/** {@code scim-purge history}: one line per job execution, newest first. */
@Command(name = "history",
        description = {
                "Lists job executions, newest first: execution and job instance, provider, target URL, source "
                        + "(CSV name and the start of its SHA-256, deactivated, keep-only and the list's name, apply-plan and the plan's name, or 'retry of N' for a retry of "
                        + "execution N), start, end, status, how many rows "
                        + "ended in each outcome, the failure report, the lookup the execution chose "
                        + "(filter, directory or none; json and csv add the filters it used and why), and the plan an "
                        + "--apply-plan execution applied (the start of its digest and the file's name; json and csv add the "
                        + "whole digest and path).",
                "",
                "The table gives " + HistoryCommand.MAIN_OUTCOMES_PLACEHOLDER + " a column each, and counts the rarer outcomes ("
                        + HistoryCommand.RARE_OUTCOMES_PLACEHOLDER + ") and any this version does not know under OTHER, by name; "
                        + "json and csv give every outcome a column of its own, and the unknown ones under other.",
                "",
                "Reads the job database only, and works while a purge is running in another process.",
                ""},
        subcommands = {HistoryPruneCommand.class},
        modelTransformer = HistoryCommand.OutcomesInDescription.class,
        footer = {"", "Examples:",
                "  scim-purge history",
                "  scim-purge history --limit 100 --format csv > history.csv",
                "  scim-purge history prune --before 2026-01-01"})
public class HistoryCommand implements Callable<Integer> {

    /** Counted in a column of their own in every format. */
    private static final List<Outcome> MAIN_OUTCOMES = List.of(Outcome.DELETED, Outcome.ALREADY_GONE, Outcome.DUPLICATE,
            Outcome.NOT_FOUND, Outcome.FAILED);

    static final String MAIN_OUTCOMES_PLACEHOLDER = "{main-outcomes}";
    static final String RARE_OUTCOMES_PLACEHOLDER = "{rare-outcomes}";

    /** Names the outcomes of each kind in the description from {@link Outcome}, so that it cannot fall behind it. */
    static final class OutcomesInDescription implements IModelTransformer {

        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<Outcome> rare = Arrays.stream(Outcome.values()).filter(o -> !MAIN_OUTCOMES.contains(o)).toList();
            spec.usageMessage().description(Arrays.stream(spec.usageMessage().description())
                    .map(line -> line.replace(MAIN_OUTCOMES_PLACEHOLDER, OutcomeNames.of(MAIN_OUTCOMES))
                            .replace(RARE_OUTCOMES_PLACEHOLDER, OutcomeNames.of(rare)))
                    .toArray(String[]::new));
            return spec;
        }
    }

    @Mixin
    CommandEnvironment environment;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "At most N executions, the newest (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    ListingOptions listing;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        List<Outcome> counted = countedInColumns(listing.format());
        boolean everything = listing.format() != OutputFormat.TABLE;
        return listing.print(environment, columns(counted, everything), (jdbc, rows) -> new ExecutionHistory(jdbc).forEachNewestFirst(limit,
                        run -> rows.row(cells(run, counted, everything))));
    }

    /** @param everything the lookup's filters and reason too, not only its mode (JSON and CSV) */
    private static Object[] cells(ExecutionRecord run, List<Outcome> counted, boolean everything) {
        List<Object> cells = new ArrayList<>(Arrays.asList(run.jobExecutionId(), run.jobInstanceId(), run.provider(), run.target(),
                run.source(), run.start(), run.end(), run.status()));
        counted.forEach(outcome -> cells.add(run.counts().get(outcome)));
        cells.add(run.counts().besides(counted));
        cells.add(run.reportPath());
        ExecutionRecord.Lookup lookup = run.lookup();
        cells.add(lookup == null ? null : lookup.mode());
        if (everything) {
            cells.add(lookup == null ? null : lookup.filters());
            cells.add(lookup == null ? null : lookup.reason());
        }
        ExecutionRecord.Plan plan = run.plan();
        cells.add(plan == null ? null : plan.describe());
        if (everything) {
            cells.add(plan == null ? null : plan.digest());
            cells.add(plan == null ? null : plan.file());
        }
        return cells.toArray();
    }

    /**
     * JSON and CSV count every outcome in a column of its own. The table keeps to the common ones,
     * and names the rarer under OTHER, with those this version does not know.
     */
    private static List<Outcome> countedInColumns(OutputFormat format) {
        return format == OutputFormat.TABLE ? MAIN_OUTCOMES : List.of(Outcome.values());
    }

    private static List<Column> columns(List<Outcome> counted, boolean everything) {
        List<Column> columns = new ArrayList<>(List.of(
                Column.number("execution", 9), Column.number("instance", 8), Column.text("provider", 8),
                Column.text("target", 10), Column.text("source", 11), Column.text("start", 19), Column.text("end", 19),
                Column.text("status", 9)));
        for (Outcome outcome : counted) {
            String name = OutcomeNames.name(outcome);
            columns.add(Column.number(name, name.length()));
        }
        columns.add(Column.text("other", 5));
        columns.add(Column.text("report", 6));
        columns.add(Column.text("lookup", 6));
        if (everything) {
            columns.add(Column.text("lookup_filters", 14));
            columns.add(Column.text("lookup_reason", 13));
        }
        columns.add(Column.text("plan", 4));
        if (everything) {
            columns.add(Column.text("plan_digest", 11));
            columns.add(Column.text("plan_file", 9));
        }
        return columns;
    }
}
