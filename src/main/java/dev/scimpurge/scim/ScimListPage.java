package dev.scimpurge.scim;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a SCIM ListResponse (RFC 7644 §3.4.2).
 *
 * @param totalResults   the server's {@code totalResults}; where it sent none, the users of this page
 * @param startIndex     the server's {@code startIndex}
 * @param position       where the request asked the page to start
 * @param nextCursor     the server's {@code nextCursor}, where it pages by cursor ({@link ListPaging#CURSOR})
 * @param totalReported  whether the server said {@code totalResults} (cursor pages do not)
 * @param resourcesGiven whether the answer had a {@code Resources} array: an empty page may come as a bare
 *                       {@code {"totalResults": 0}}, which {@code probe} reports
 */
public record ScimListPage(int totalResults, int startIndex, List<ScimUser> resources, ListPosition position,
        @Nullable String nextCursor, boolean totalReported, boolean resourcesGiven) {

    public ScimListPage {
        resources = List.copyOf(resources);
    }

    public ScimListPage(int totalResults, int startIndex, List<ScimUser> resources) {
        this(totalResults, startIndex, resources, ListPosition.FIRST, null, true, true);
    }
}
