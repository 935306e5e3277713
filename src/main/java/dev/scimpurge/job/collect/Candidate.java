package dev.scimpurge.job.collect;

/** A collected input row the purge acts on; {@code accountId} is known from the input or set when it is resolved. */
public record Candidate(long seq, Long lineNo, String inputValue, String matchKey, String accountId) {

    /** "line 7" for a file row, "row 7" for a listed user. */
    public String describePosition() {
        return lineNo != null ? "line " + lineNo : "row " + seq;
    }
}
