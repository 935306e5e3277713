package dev.scimpurge.job.collect;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A collected input row the purge acts on; {@code accountId} is known from the input or set when it is resolved.
 *
 * @param accountNames the account's addresses and userName as the service gave them when it was listed or
 *                     resolved (empty while unknown): what protections are matched against besides the input
 */
public record Candidate(long seq, @Nullable Long lineNo, String inputValue, String matchKey, @Nullable String accountId,
        List<String> accountNames) {

    public Candidate {
        accountNames = List.copyOf(accountNames);
    }

    /** "line 7" for a file row, "row 7" for a listed user. */
    public String describePosition() {
        return lineNo != null ? "line " + lineNo : "row " + seq;
    }
}
