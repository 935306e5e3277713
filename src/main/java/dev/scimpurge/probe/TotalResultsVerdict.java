package dev.scimpurge.probe;

import java.util.Locale;

/** Whether a listing's {@code totalResults} matched the users its pages hold, as far as cheap requests show. */
public enum TotalResultsVerdict {
    /** The first page held them all, or the user at position {@code totalResults} was there and none after it. */
    HONEST,
    /** It names more users than the pages hold: a listing would ask for pages that are not there. */
    OVERSTATED,
    /** The pages hold more users than it names: a listing that trusted it would stop early. */
    UNDERSTATED,
    /** A later page repeated users of the first: the server ignores {@code startIndex}, and nothing can be said of the total. */
    IGNORES_START_INDEX,
    /** The directory is empty, or the check's requests failed. */
    UNCHECKED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
