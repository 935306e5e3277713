package dev.scimpurge.probe;

/** What a lookup filter did when asked for an account the directory lists. */
public enum FilterVerdict {
    /** It found the account: lookups by this attribute can be trusted, "not found" included. */
    FINDS,
    /** It answered without the account (often {@code totalResults: 0}): a broken matcher, never to be trusted. */
    MISSES,
    /** It answered with users the filter does not select: the server ignores the filter. */
    IGNORED,
    /** The server refused the filter (400 invalidFilter, 501, ...). */
    REJECTED,
    /** The known account has no address in this attribute (e.g. a {@code userName} that is not an address). */
    NOT_APPLICABLE,
    /** The request failed otherwise; nothing was learned. */
    FAILED,
    /** There was no account to try it on (the directory's first page listed no one with an address). */
    UNPROVEN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
