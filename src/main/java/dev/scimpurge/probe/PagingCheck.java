package dev.scimpurge.probe;

import java.time.Duration;
import java.util.List;

import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimListPage;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.scim.ScimUser;

/**
 * Whether {@code totalResults} is honest, in at most two small read-only requests after the first page: when the first
 * page held every user it names and no more, it is; otherwise the user at position {@code totalResults} should be
 * served ({@code count=1}) and the page after it should be empty. The empty page also shows the form the server gives
 * one (with or without {@code Resources}).
 */
public final class PagingCheck {

    private final ScimClient client;
    private final Retrying retrying;

    public PagingCheck(ScimClient client, Retrying retrying) {
        this.client = client;
        this.retrying = retrying;
    }

    /** @param firstPage the first page as the probe read it: a later page that repeats its users ignores {@code startIndex} */
    public PagingObservation check(PageObservation first, ScimListPage firstPage) {
        java.util.Set<String> firstIds = firstPage.resources().stream().map(ScimUser::id).collect(java.util.stream.Collectors.toSet());
        int total = first.totalResults();
        if (first.served() > total) {
            return new PagingObservation(TotalResultsVerdict.UNDERSTATED, total, null, null, null, true, Duration.ZERO, null);
        }
        if (total == 0) {
            return new PagingObservation(TotalResultsVerdict.UNCHECKED, total, null, null, null, true, Duration.ZERO, null);
        }
        long start = System.nanoTime();
        try {
            Integer last = null;
            boolean repeated = false;
            if (first.served() < total) {
                List<ScimUser> atTotal = retrying.call(attempt -> client.listUsers(null, total, 1)).resources();
                last = atTotal.size();
                repeated = atTotal.stream().anyMatch(user -> firstIds.contains(user.id()));
            }
            ScimListPage after = retrying.call(attempt -> client.listUsers(null, total + 1, Math.max(1, first.pageSize())));
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            int pastTheEnd = after.resources().size();
            repeated |= after.resources().stream().anyMatch(user -> firstIds.contains(user.id()));
            TotalResultsVerdict verdict = repeated ? TotalResultsVerdict.IGNORES_START_INDEX
                    : pastTheEnd > 0 ? TotalResultsVerdict.UNDERSTATED
                    : last != null && last == 0 ? TotalResultsVerdict.OVERSTATED : TotalResultsVerdict.HONEST;
            return new PagingObservation(verdict, total, last, pastTheEnd, after.totalResults(), after.resourcesGiven(), latency, null);
        } catch (ScimErrorResponseException | ScimProtocolException | IsolatedTransportFailureException e) {
            return new PagingObservation(TotalResultsVerdict.UNCHECKED, total, null, null, null, true,
                    Duration.ofNanos(System.nanoTime() - start), e.getMessage());
        }
    }
}
