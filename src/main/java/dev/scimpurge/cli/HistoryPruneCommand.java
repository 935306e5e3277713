package dev.scimpurge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.scimpurge.audit.PruneResult;
import dev.scimpurge.audit.RetentionPruner;

/** {@code scim-purge history prune}: retention, without breaking the outcome chain. */
@Command(name = "prune",
        description = {
                "Removes the runs whose executions all ended before DATE, in one transaction: their outcome rows, "
                        + "removal attempts, candidates and Spring Batch records; then the report files they wrote (failure "
                        + "reports, plans, run summaries). A running execution is never removed.",
                "",
                "A run goes whole: one with an execution after DATE is kept, with its older executions. The outcome "
                        + "chain is cut only at its start, so a run whose rows come after those of a run that is kept stays "
                        + "until that one goes too; 'audit verify' then checks the rest from the last row removed. If the "
                        + "rows to be removed do not verify, nothing is removed (exit 5).",
                ""})
public class HistoryPruneCommand implements Callable<Integer> {

    @Mixin
    CommandEnvironment environment;

    @SuppressWarnings("NullAway.Init") // picocli always sets it: required = true
    @Option(names = "--before", paramLabel = "DATE", required = true, converter = DateTimeConverter.class,
            description = "Remove runs that ended before this time: " + DateTimeConverter.FORMATS
                    + " (a date means its start), in the job database's local time.")
    LocalDateTime before;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        PruneResult result = database.withExisting(environment,
                db -> db.write(status -> new RetentionPruner(db.jdbc()).pruneEndedBefore(before, LocalDateTime.now())));
        PrintWriter out = environment.out();
        if (result instanceof PruneResult.Refused refused) {
            BrokenChain.print(out, refused.broken());
            out.println("Nothing was pruned: removing these rows would erase the evidence. Investigate first.");
            return ExitCodes.CHAIN_BROKEN;
        }
        PruneResult.Pruned pruned = (PruneResult.Pruned) result;
        out.printf("Pruned %d executions (%d job instances) that ended before %s, with %d outcome rows.%n",
                pruned.executions(), pruned.instances(), before, pruned.outcomeRows());
        if (pruned.keptExecutions() > 0) {
            out.printf("Kept %d executions that ended before %s: their run has a later or running execution, "
                    + "or its outcome rows come after those of a run that is kept.%n", pruned.keptExecutions(), before);
        }
        if (pruned.outcomeRows() > 0) {
            out.printf("The outcome chain now starts after outcome id %d (hash %s).%n", pruned.anchor().outcomeId(),
                    pruned.anchor().hash());
        }
        removeReportFiles(pruned.reportFiles(), out, environment.err());
        return ExitCodes.SUCCESS;
    }

    /** After the prune has committed: the files its executions wrote. One already gone is no error, one that cannot go is a warning. */
    private static void removeReportFiles(Set<Path> files, PrintWriter out, PrintWriter err) {
        if (files.isEmpty()) {
            return;
        }
        long removed = 0;
        long gone = 0;
        long left = 0;
        for (Path file : files.stream().sorted().toList()) {
            try {
                if (Files.deleteIfExists(file)) {
                    removed++;
                } else {
                    gone++;
                }
            } catch (IOException e) {
                left++;
                err.println("WARNING: could not remove the report file " + file + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "); remove it by hand.");
            }
        }
        out.print("Removed " + removed + " report files of the pruned executions");
        out.print(gone == 0 ? "" : "; " + gone + (gone == 1 ? " was" : " were") + " gone already");
        out.println(left == 0 ? "." : "; " + left + " could not be removed.");
    }
}
