package dev.scimpurge.job.lookup;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Where the directory copy stands, saved in the step's context by every call so that an interrupted
 * copy continues where it stopped.
 *
 * @param nextIndex   the startIndex of the next page to copy
 * @param previousIds the sorted ids of the last page copied, to notice a server that repeats a page
 * @param pageSize    the users the server really serves per page, learned from the first page; 0 until then
 * @param total       the totalResults the last page copied reported
 * @param pages       pages copied so far, for {@code max-list-pages}
 * @param sequential  whether the copy fell back to one page at a time (a page did not have the learned size)
 */
record DirectoryCopyPosition(int nextIndex, String previousIds, int pageSize, int total, int pages, boolean sequential) {

    private static final String NEXT_INDEX = "directory.next-index";
    private static final String PREVIOUS_IDS = "directory.previous-page";
    private static final String PAGE_SIZE = "directory.page-size";
    private static final String TOTAL = "directory.total";
    private static final String PAGES = "directory.pages";
    private static final String SEQUENTIAL = "directory.sequential";

    static final DirectoryCopyPosition START = new DirectoryCopyPosition(1, "", 0, 0, 0, false);

    static boolean isSavedIn(ExecutionContext context) {
        return context.containsKey(NEXT_INDEX);
    }

    static DirectoryCopyPosition readFrom(ExecutionContext context) {
        return new DirectoryCopyPosition(context.getInt(NEXT_INDEX), context.getString(PREVIOUS_IDS), context.getInt(PAGE_SIZE, 0),
                context.getInt(TOTAL, 0), context.getInt(PAGES, 0), Boolean.parseBoolean(context.getString(SEQUENTIAL, "false")));
    }

    void saveIn(ExecutionContext context) {
        context.putInt(NEXT_INDEX, nextIndex);
        context.putString(PREVIOUS_IDS, previousIds);
        context.putInt(PAGE_SIZE, pageSize);
        context.putInt(TOTAL, total);
        context.putInt(PAGES, pages);
        context.putString(SEQUENTIAL, Boolean.toString(sequential));
    }

    /** Whether the pages can be fetched in parallel: the page size is known and every page so far had it. */
    boolean parallel() {
        return pageSize > 0 && !sequential;
    }

    /** The position after copying a page of {@code users} users whose ids are {@code ids}. */
    DirectoryCopyPosition after(int users, String ids, int pageTotal) {
        return new DirectoryCopyPosition(nextIndex + users, ids, pageSize, pageTotal, pages + 1, sequential);
    }

    DirectoryCopyPosition withPageSize(int learned) {
        return new DirectoryCopyPosition(nextIndex, previousIds, learned, total, pages, sequential);
    }

    /** One page at a time from here on. */
    DirectoryCopyPosition sequentially() {
        return new DirectoryCopyPosition(nextIndex, previousIds, pageSize, total, pages, true);
    }

    /** Whether every user the server reported has been copied. */
    boolean pastTheEnd() {
        return nextIndex > total;
    }
}
