package dev.scimpurge.audit;

/** A position in the outcome chain: an OUTCOME_ID and the ROW_HASH the next row chains from. */
public record ChainLink(long outcomeId, String hash) {
}
