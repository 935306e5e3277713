package dev.scimpurge.sandbox;

/**
 * How a list page without users is answered (count=0, startIndex past the end, or a filter that matches nobody), set
 * with {@link SandboxFaults#emptyPages}.
 */
public enum EmptyPageForm {

    /**
     * The default: a ListResponse with {@code schemas}, {@code totalResults}, {@code startIndex}, {@code itemsPerPage}
     * 0 and an empty {@code Resources} (no {@code Resources} for count=0, RFC 7644 §3.4.2.4).
     */
    LIST_RESPONSE,

    /** {@code {"totalResults": 0}} and nothing else, as the server of issue 12 answers. */
    ONLY_TOTAL_RESULTS_ZERO,

    /** {@code {"totalResults": N}} and nothing else, N the real total, as other servers answer. */
    ONLY_TOTAL_RESULTS;

    /** What the bare answer says {@code totalResults} is; not for {@link #LIST_RESPONSE}. */
    int totalResults(int truth) {
        return this == ONLY_TOTAL_RESULTS ? truth : 0;
    }
}
