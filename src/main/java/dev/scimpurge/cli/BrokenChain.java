package dev.scimpurge.cli;

import java.io.PrintWriter;

import dev.scimpurge.audit.ChainVerification;
import dev.scimpurge.audit.output.TerminalText;

/** Prints where the outcome chain does not verify: for {@code audit verify}, and for {@code history prune}, which refuses then. */
final class BrokenChain {

    private BrokenChain() {
    }

    static void print(PrintWriter out, ChainVerification.Broken broken) {
        out.printf("The outcome chain does NOT verify at outcome id %d%s.%n", broken.outcomeId(),
                broken.jobExecutionId() == null ? ""
                        : " (execution " + broken.jobExecutionId() + ", input \"" + TerminalText.printable(broken.inputValue()) + "\")");
        out.println("  " + broken.problem() + ".");
        out.printf("  %d rows before it verify.%n", broken.rowsVerified());
    }
}
