package dev.scimpurge.probe;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What paging showed beyond the first page: the user at position {@code totalResults} and the page after it.
 *
 * @param totalResults      what the first page said the directory holds
 * @param lastIndexServed   users served at {@code startIndex=totalResults, count=1}, or null when not asked (the first page held them all)
 * @param pastTheEndServed  users served at {@code startIndex=totalResults+1}, or null when not asked
 * @param pastTheEndTotal   the {@code totalResults} that page gave, or null when not asked
 * @param pastTheEndResources whether that page had a {@code Resources} array (a bare {@code {"totalResults": 0}} has not)
 * @param latency           the two requests' time, in all
 * @param detail            what failed, when a request did
 */
public record PagingObservation(TotalResultsVerdict verdict, int totalResults, @Nullable Integer lastIndexServed,
        @Nullable Integer pastTheEndServed, @Nullable Integer pastTheEndTotal, boolean pastTheEndResources, Duration latency,
        @Nullable String detail) {
}
