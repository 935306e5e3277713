package dev.scimpurge.sandbox;

/** How a played service pages {@code GET /Users}. */
public enum ListingPaging {
    /** RFC 7644 §3.4.2.4: {@code startIndex} and {@code count}, {@code totalResults} in every answer. */
    INDEX,
    /**
     * AWS IAM Identity Center: {@code startIndex} is not supported (ignored: a request without {@code cursor} answers the
     * first page only); a request with {@code cursor} (empty for the first page) answers {@code itemsPerPage},
     * {@code Resources} and, while more users follow, a {@code nextCursor}; no {@code totalResults}.
     */
    CURSOR
}
