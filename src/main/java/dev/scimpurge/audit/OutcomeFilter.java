package dev.scimpurge.audit;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * Which outcome rows {@code audit} lists; a null field does not filter.
 *
 * @param email   matched against the input value, ignoring case
 * @param outcome matched ignoring case, so "not_found" finds NOT_FOUND
 * @param since   rows recorded at or after this time (the job database's wall clock)
 */
public record OutcomeFilter(@Nullable Long jobExecutionId, @Nullable String email, @Nullable String accountId, @Nullable String outcome,
        @Nullable LocalDateTime since) {
}
