package dev.scimpurge.probe;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.provider.Advertised;
import dev.scimpurge.provider.ServiceCapabilities;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimFilter;
import dev.scimpurge.scim.ScimListPage;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.scim.ScimUser;

/**
 * Finds out, with read-only requests, what a server does: reads the directory's first page at the largest size the
 * server allows, takes an account with an address from it, and looks that account up by its own address with each
 * lookup filter, in the case the server stores and in another. ServiceProviderConfig only chooses the page size asked
 * for; it decides nothing.
 */
public final class ServerProbe {

    /** A filter for one address needs no more: more users in the answer means the filter selected more than one. */
    private static final int FILTER_PAGE = 50;

    private final ScimClient client;
    private final Retrying retrying;
    private final ServiceCapabilities capabilities;
    private final int maxPageSize;

    /** @param maxPageSize the most users asked for on a page, whatever the server advertises */
    public ServerProbe(ScimClient client, Retrying retrying, ServiceCapabilities capabilities, int maxPageSize) {
        this.client = client;
        this.retrying = retrying;
        this.capabilities = capabilities;
        this.maxPageSize = maxPageSize;
    }

    /** The page size to ask for: the server's {@code filter.maxResults} where it gives one, at most {@code maxPageSize}. */
    public int pageSizeToAsk() {
        return capabilities.pageSize(maxPageSize);
    }

    public ProbeReport probe(List<String> filterAttributes) {
        return probe(filterAttributes, account -> false);
    }

    /**
     * @param avoid accounts not to take as the known one where the page lists another (the run's own input: its lookups
     *              stay the run's, and a protected account gets no request)
     */
    public ProbeReport probe(List<String> filterAttributes, Predicate<KnownAccount> avoid) {
        return probeKeepingFirstPage(filterAttributes, avoid).report();
    }

    /** What the probe saw, and the directory's first page it read, which a copy of the directory need not read again. */
    public record Probed(ProbeReport report, @Nullable ScimListPage firstPage) {
    }

    /** As {@link #probe(List, Predicate)}, keeping the first page it read. */
    public Probed probeKeepingFirstPage(List<String> filterAttributes, Predicate<KnownAccount> avoid) {
        Advertised advertised = capabilities.advertised();
        int asked = pageSizeToAsk();
        Timed<ScimListPage> page;
        try {
            page = timed(() -> retrying.call(attempt -> client.listUsers(null, 1, asked)));
        } catch (ScimErrorResponseException | ScimProtocolException e) {
            return new Probed(new ProbeReport(advertised, null, null, unproven(filterAttributes), e.getMessage()), null);
        }
        PageObservation first = new PageObservation(asked, page.value().resources().size(), page.value().totalResults(), page.elapsed());
        List<KnownAccount> listed = page.value().resources().stream().map(ServerProbe::known).flatMap(Optional::stream).toList();
        Optional<KnownAccount> known = listed.stream().filter(avoid.negate()).findFirst().or(() -> listed.stream().findFirst());
        List<FilterObservation> filters = known.isEmpty() ? unproven(filterAttributes)
                : filterAttributes.stream().map(attribute -> tryFilter(attribute, known.get())).toList();
        return new Probed(new ProbeReport(advertised, first, known.orElse(null), filters, null), page.value());
    }

    private FilterObservation tryFilter(String attribute, KnownAccount account) {
        String value = account.valueFor(attribute);
        if (value == null) {
            return new FilterObservation(attribute, FilterVerdict.NOT_APPLICABLE, CaseHandling.UNTESTED, Duration.ZERO,
                    "account " + account.id() + " has no address in " + attribute);
        }
        long start = System.nanoTime();
        FilterVerdict verdict;
        String detail = null;
        try {
            verdict = lookUp(attribute, value, account.id());
        } catch (ScimErrorResponseException e) {
            verdict = e.isInvalidFilter() || e.status() == 400 || e.status() == 501 ? FilterVerdict.REJECTED : FilterVerdict.FAILED;
            detail = "HTTP " + e.status() + (e.detail() == null ? "" : ": " + e.detail());
        } catch (ScimProtocolException | IsolatedTransportFailureException e) {
            verdict = FilterVerdict.FAILED;
            detail = e.getMessage();
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        return new FilterObservation(attribute, verdict, verdict == FilterVerdict.FINDS ? caseHandling(attribute, value, account.id())
                : CaseHandling.UNTESTED, latency, detail);
    }

    private FilterVerdict lookUp(String attribute, String value, String id) {
        List<ScimUser> answer = retrying.call(attempt -> client.listUsers(ScimFilter.eq(attribute, value), 1, FILTER_PAGE)).resources();
        if (answer.stream().anyMatch(user -> !user.matchesEmail(value))) {
            return FilterVerdict.IGNORED;
        }
        return answer.stream().anyMatch(user -> user.id().equals(id)) ? FilterVerdict.FINDS : FilterVerdict.MISSES;
    }

    private CaseHandling caseHandling(String attribute, String value, String id) {
        String other = value.equals(value.toLowerCase(Locale.ROOT)) ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
        if (other.equals(value)) {
            return CaseHandling.UNTESTED;
        }
        try {
            return lookUp(attribute, other, id) == FilterVerdict.FINDS ? CaseHandling.INSENSITIVE : CaseHandling.SENSITIVE;
        } catch (ScimErrorResponseException | ScimProtocolException | IsolatedTransportFailureException e) {
            return CaseHandling.UNTESTED;
        }
    }

    private static List<FilterObservation> unproven(List<String> attributes) {
        return attributes.stream().map(attribute -> new FilterObservation(attribute, FilterVerdict.UNPROVEN, CaseHandling.UNTESTED,
                Duration.ZERO, null)).toList();
    }

    private static Optional<KnownAccount> known(ScimUser user) {
        String userName = isAddress(user.userName()) ? user.userName() : null;
        String email = user.emails().stream().filter(ServerProbe::isAddress).findFirst().orElse(null);
        return user.id() == null || user.id().isBlank() || userName == null && email == null ? Optional.empty()
                : Optional.of(new KnownAccount(user.id(), userName, email));
    }

    private static boolean isAddress(@Nullable String value) {
        return value != null && value.indexOf('@') > 0 && value.indexOf('@') < value.length() - 1;
    }

    private static <T> Timed<T> timed(Supplier<T> call) {
        long start = System.nanoTime();
        T value = call.get();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }

    private record Timed<T>(T value, Duration elapsed) {
    }
}
