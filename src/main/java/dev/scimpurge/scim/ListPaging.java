package dev.scimpurge.scim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How a service pages its user listing, chosen by the provider profile's {@code paging:}. Each constant is the strategy
 * for one scheme: the query that asks for a page, and where the next page starts, if anywhere.
 */
public enum ListPaging {

    /**
     * RFC 7644 §3.4.2.4: {@code startIndex} and {@code count}; the listing ends on an empty page or past
     * {@code totalResults}.
     */
    INDEX {
        @Override
        String query(ListPosition at, int count) {
            if (at.cursor() != null) {
                throw new IllegalArgumentException("this service pages by startIndex, not by cursor");
            }
            return "startIndex=" + at.startIndex() + "&count=" + count;
        }

        @Override
        public Optional<ListPosition> next(ScimListPage page) {
            int next = page.position().startIndex() + page.resources().size();
            return page.resources().isEmpty() || next > page.totalResults() ? Optional.empty()
                    : Optional.of(new ListPosition(next, null));
        }

        @Override
        public boolean resumableByIndex() {
            return true;
        }

        @Override
        public boolean reportsTotal() {
            return true;
        }
    },

    /**
     * AWS IAM Identity Center: no {@code startIndex}; the first request carries an empty {@code cursor}, each answer a
     * {@code nextCursor} while more pages follow (a page may hold fewer users than asked and still be followed by
     * more), and cursor pages carry no {@code totalResults}. The listing ends on the first page without a
     * {@code nextCursor}, or one that points where the page itself started.
     */
    CURSOR {
        @Override
        String query(ListPosition at, int count) {
            if (at.startIndex() != 1) {
                throw new IllegalArgumentException("this service pages by cursor; it has no startIndex " + at.startIndex());
            }
            String cursor = at.cursor();
            return (cursor == null ? "cursor" : "cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)) + "&count=" + count;
        }

        @Override
        public Optional<ListPosition> next(ScimListPage page) {
            String next = page.nextCursor();
            return next == null || next.isBlank() || next.equals(page.position().cursor()) ? Optional.empty()
                    : Optional.of(new ListPosition(1, next));
        }

        @Override
        public boolean resumableByIndex() {
            return false;
        }

        @Override
        public boolean reportsTotal() {
            return false;
        }
    };

    /** The query parameters that ask for the page at {@code at} with at most {@code count} users. */
    abstract String query(ListPosition at, int count);

    /** Where the page after {@code page} starts, or empty when {@code page} is the listing's last. */
    public abstract Optional<ListPosition> next(ScimListPage page);

    /**
     * Whether any page can be asked for by its index alone, as the directory copy resumes a restarted run; a cursor
     * listing can only be read from its first page on.
     */
    public abstract boolean resumableByIndex();

    /** Whether a page says how many users the whole listing holds ({@code totalResults}). */
    public abstract boolean reportsTotal();
}
