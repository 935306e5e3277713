package dev.scimpurge.restore;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.audit.Outcome;

/**
 * An account an execution removed, as its outcome row recorded it.
 *
 * @param removal {@code DELETED} or {@code ALREADY_GONE}
 */
public record RemovedAccount(long jobInstanceId, long seq, @Nullable Long lineNo, String inputValue, String accountId, Outcome removal) {
}
