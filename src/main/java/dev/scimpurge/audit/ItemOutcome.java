package dev.scimpurge.audit;

/**
 * The recorded outcome of one input row. {@code reason} is a stable machine-readable code
 * (see {@link Reasons}), {@code message} the operator-facing explanation.
 */
public record ItemOutcome(long seq, Long lineNo, String inputValue, String accountId, Outcome outcome,
        String reason, Integer httpStatus, String message) {
}
