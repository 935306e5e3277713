package dev.scimpurge.audit;

import org.jspecify.annotations.Nullable;

/** What {@link ChainVerifier} found: the chain is intact, or where it first breaks. */
public sealed interface ChainVerification {

    /**
     * @param rows       rows verified, from the one after the anchor to the head
     * @param anchor     the last pruned row (outcome id 0 and the genesis hash when nothing was pruned)
     * @param prunedRows rows removed by pruning so far
     * @param head       the last row: its outcome id and hash, which an auditor can note down and compare later
     */
    record Intact(long rows, ChainLink anchor, long prunedRows, ChainLink head) implements ChainVerification {
    }

    /**
     * @param outcomeId      the first row that does not verify (or the head's outcome id when rows are missing at the end)
     * @param jobExecutionId its execution, null when the row is missing
     * @param inputValue     its input value, null when the row is missing
     * @param problem        what does not match
     * @param rowsVerified   rows before it that do verify
     */
    record Broken(long outcomeId, @Nullable Long jobExecutionId, @Nullable String inputValue, String problem, long rowsVerified)
            implements ChainVerification {
    }
}
