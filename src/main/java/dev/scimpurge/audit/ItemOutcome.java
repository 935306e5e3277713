package dev.scimpurge.audit;

import org.jspecify.annotations.Nullable;

/**
 * The recorded outcome of one input row. {@code reason} is a stable machine-readable code
 * (see {@link Reasons}), {@code message} the operator-facing explanation.
 */
public record ItemOutcome(long seq, @Nullable Long lineNo, String inputValue, @Nullable String accountId, Outcome outcome,
        String reason, @Nullable Integer httpStatus, @Nullable String message) {
}
