package dev.scimpurge.job.collect;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.scimpurge.scim.ListPosition;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimListPage;
import dev.scimpurge.scim.ScimUser;

/**
 * Pages through a listing of the service's users, from a first page already read, as the service pages it
 * ({@link dev.scimpurge.scim.ListPaging}). Paging stops where the paging says the listing ends (an empty page, past
 * {@code totalResults}, no {@code nextCursor}), on a page that repeats the previous one, or after a page limit, so that a misbehaving server
 * cannot keep the job paging forever.
 */
final class DirectoryPages {

    private static final Logger log = LoggerFactory.getLogger(DirectoryPages.class);

    private DirectoryPages() {
    }

    /**
     * @param filter the filter the first page was read with (null: none); the later pages are read with it too
     * @return whether the listing was read to its end, not stopped by a repeated page or the page limit
     */
    static boolean forEachUser(ScimClient client, @Nullable String filter, ScimListPage first, int pageSize, int maxPages, Consumer<ScimUser> action) {
        ScimListPage page = first;
        Set<String> previousIds = Set.of();
        for (int pages = 1; ; pages++) {
            List<ScimUser> users = page.resources();
            Set<String> ids = users.stream().map(ScimUser::id).collect(Collectors.toSet());
            if (!users.isEmpty() && ids.equals(previousIds)) {
                log.warn("The server returned the same page twice ({}); it ignores paging. Stopping the listing here.", where(page));
                return false;
            }
            users.forEach(action);
            Optional<ListPosition> next = client.paging().next(page);
            if (next.isEmpty()) {
                return true;
            }
            if (pages >= maxPages) {
                log.warn("Stopped listing after {} pages; the server reports {} users in total.", pages,
                        page.totalReported() ? page.totalResults() : "no count of");
                return false;
            }
            previousIds = ids;
            page = client.listUsers(filter, next.get(), pageSize);
        }
    }

    private static String where(ScimListPage page) {
        return page.position().cursor() != null ? "cursor " + page.position().cursor() : "startIndex " + page.position().startIndex();
    }
}
