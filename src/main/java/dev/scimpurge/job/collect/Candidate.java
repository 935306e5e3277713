package dev.scimpurge.job.collect;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A collected input row the purge acts on; {@code accountId} is known from the input or set when it is resolved.
 *
 * @param accountNames the account's addresses and userName as the service gave them when it was listed or
 *                     resolved (empty while unknown): what protections are matched against besides the input
 * @param lastModified the user's {@code meta.lastModified} as listed (deactivated users only; null when the server did not send it)
 * @param active       the user's {@code active} as listed or read (null: not read, or not sent), for the plan report
 */
public record Candidate(long seq, @Nullable Long lineNo, String inputValue, String matchKey, @Nullable String accountId,
        List<String> accountNames, @Nullable Instant lastModified, @Nullable Boolean active) {

    public Candidate {
        accountNames = List.copyOf(accountNames);
    }

    /** A candidate whose {@code active} was not read. */
    public Candidate(long seq, @Nullable Long lineNo, String inputValue, String matchKey, @Nullable String accountId,
            List<String> accountNames, @Nullable Instant lastModified) {
        this(seq, lineNo, inputValue, matchKey, accountId, accountNames, lastModified, null);
    }

    /** A candidate whose last modification is not known (a CSV row). */
    public Candidate(long seq, Long lineNo, String inputValue, String matchKey, String accountId, List<String> accountNames) {
        this(seq, lineNo, inputValue, matchKey, accountId, accountNames, null);
    }

    /** "line 7" for a file row, "row 7" for a listed user. */
    public String describePosition() {
        return lineNo != null ? "line " + lineNo : "row " + seq;
    }
}
