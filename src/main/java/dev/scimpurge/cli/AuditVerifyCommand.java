package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.scimpurge.audit.ChainVerification;
import dev.scimpurge.audit.ChainVerifier;

/** {@code scim-purge audit verify}: recomputes the outcome hash chain. */
@Command(name = "verify",
        description = {
                "Recomputes the hash chain over every outcome row (each row's ROW_HASH covers its fields and the "
                        + "row before it) and says whether it is intact, or names the first row that does not match.",
                "",
                "Note the head hash it prints: the chain proves that no row was changed, added or removed since, "
                        + "even by someone who could rewrite the database, only against a hash kept elsewhere.",
                "Reads the job database only; rows recorded while it runs are left for the next verification.",
                ""})
public class AuditVerifyCommand implements Callable<Integer> {

    @Mixin
    CommandEnvironment environment;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        ChainVerification result = database.withExisting(environment, db -> db.read(status -> new ChainVerifier(db.jdbc()).verify()));
        PrintWriter out = environment.out();
        if (result instanceof ChainVerification.Broken broken) {
            BrokenChain.print(out, broken);
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
