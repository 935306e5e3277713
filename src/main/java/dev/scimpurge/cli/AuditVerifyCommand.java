package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.scimpurge.audit.AuditDatabase;
import dev.scimpurge.audit.ChainVerification;
import dev.scimpurge.audit.ChainVerifier;
import dev.scimpurge.audit.output.TerminalText;

/** {@code scim-purge audit verify}: recomputes the outcome hash chain. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
                "Recomputes the hash chain over every outcome row (each row's ROW_HASH covers its fields and the "
                        + "row before it) and says whether it is intact, or names the first row that does not match.",
                "",
                "Note the head hash it prints: the chain proves that no row was changed, added or removed since, "
                        + "even by someone who could rewrite the database, only against a hash kept elsewhere.",
                "Reads the job database only; rows recorded while it runs are left for the next verification.",
                ""},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        footer = {"", ExitCodes.HELP_TEXT})
public class AuditVerifyCommand implements Callable<Integer> {

    @ParentCommand
    AuditCommand audit;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AuditDatabase db = database.openExisting(audit.parent().environment(), audit.parent().state(), spec.commandLine().getErr())) {
            ChainVerification result = db.read(status -> new ChainVerifier(db.jdbc()).verify());
            if (result instanceof ChainVerification.Broken broken) {
                printBroken(out, broken);
                return ExitCodes.CHAIN_BROKEN;
            }
            ChainVerification.Intact intact = (ChainVerification.Intact) result;
            out.printf("The outcome chain is intact: %d rows verified.%n", intact.rows());
            out.printf("  head      outcome id %d, hash %s%n", intact.head().outcomeId(), intact.head().hash());
            if (intact.prunedRows() > 0) {
                out.printf("  anchor    outcome id %d, hash %s (%d rows pruned before it)%n", intact.anchor().outcomeId(),
                        intact.anchor().hash(), intact.prunedRows());
            }
            return ExitCodes.SUCCESS;
        }
    }

    static void printBroken(PrintWriter out, ChainVerification.Broken broken) {
        out.printf("The outcome chain does NOT verify at outcome id %d%s.%n", broken.outcomeId(),
                broken.jobExecutionId() == null ? ""
                        : " (execution " + broken.jobExecutionId() + ", input \"" + TerminalText.printable(broken.inputValue()) + "\")");
        out.println("  " + broken.problem() + ".");
        out.printf("  %d rows before it verify.%n", broken.rowsVerified());
    }
}
