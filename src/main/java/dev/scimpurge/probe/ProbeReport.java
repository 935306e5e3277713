package dev.scimpurge.probe;

import java.util.List;
import java.util.Optional;

import dev.scimpurge.provider.Advertised;

import org.jspecify.annotations.Nullable;

/**
 * What a server was seen to do, next to what it advertises.
 *
 * @param advertised     its ServiceProviderConfig, a hint only
 * @param firstPage      the directory's first page, or null when the server refused to list
 * @param knownAccount   an account from that page with an address, or null when the page had none
 * @param filters        each of the profile's lookup filters, tried on the known account, in the profile's order
 * @param listingRefusal what the server answered when it refused an unfiltered listing, or null
 */
public record ProbeReport(Advertised advertised, @Nullable PageObservation firstPage, @Nullable KnownAccount knownAccount,
        List<FilterObservation> filters, @Nullable String listingRefusal) {

    public ProbeReport {
        filters = List.copyOf(filters);
    }

    /** The filters that found the known account, in the profile's order. */
    public List<String> provenFilters() {
        return filters.stream().filter(FilterObservation::finds).map(FilterObservation::attribute).toList();
    }

    /** The filters that answered without the known account or ignored the filter: a lookup by them could lie. */
    public List<FilterObservation> brokenFilters() {
        return filters.stream().filter(f -> f.verdict() == FilterVerdict.MISSES || f.verdict() == FilterVerdict.IGNORED).toList();
    }

    public Optional<FilterObservation> filter(String attribute) {
        return filters.stream().filter(f -> f.attribute().equals(attribute)).findFirst();
    }

    /** One line on why each filter can or cannot be trusted, e.g. "emails.value misses, userName finds (case insensitive)". */
    public String describeFilters() {
        return String.join(", ", filters.stream().map(f -> f.attribute() + " " + f.verdict().label()
                + (f.caseHandling() == CaseHandling.UNTESTED ? "" : " (case " + f.caseHandling().label() + ")")).toList());
    }
}
