package dev.scimpurge.job.collect;

/** A collected input row the purge step will act on. */
public record Candidate(long seq, Long lineNo, String inputValue, String matchKey, String accountId) {
}
