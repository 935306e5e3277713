package dev.scimpurge.scim;

import org.jspecify.annotations.Nullable;

/**
 * Where a page of a user listing starts: a {@code startIndex} (RFC 7644 §3.4.2.4), or the {@code cursor} the previous page
 * pointed to, for the services that page by cursor ({@link ListPaging#CURSOR}).
 *
 * @param startIndex the 1-based index of the page's first user; 1 for every cursor page
 * @param cursor     the cursor the previous page answered as {@code nextCursor}, or null for the first page
 */
public record ListPosition(int startIndex, @Nullable String cursor) {

    /** The first page, whatever the paging. */
    public static final ListPosition FIRST = new ListPosition(1, null);

    public ListPosition {
        if (startIndex < 1) {
            throw new IllegalArgumentException("startIndex must be at least 1, was " + startIndex);
        }
    }

    public boolean isFirst() {
        return startIndex == 1 && cursor == null;
    }
}
