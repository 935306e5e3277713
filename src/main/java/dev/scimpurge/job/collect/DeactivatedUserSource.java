package dev.scimpurge.job.collect;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimListPage;

/**
 * Every user the service lists with {@code active == false}, read page by page before anything
 * is removed (removing while paging forward would shift later pages and skip users).
 * <p>
 * Asks the server to filter (the profile's filter, {@code active eq false}); when it rejects the filter, the whole
 * directory is paged and filtered here, and so it is when the filter finds no one (servers whose matcher cannot
 * compare the attribute answer 200 with nobody, which would make a nightly purge remove nobody). Either way only
 * users whose {@code active} is exactly {@code false} are kept. Paging stops on an empty page, past {@code totalResults}, on a page
 * that repeats the previous one, or after a page limit, so a misbehaving server cannot keep
 * the job paging forever.
 */
public final class DeactivatedUserSource implements CandidateSource {

    private static final Logger log = LoggerFactory.getLogger(DeactivatedUserSource.class);

    private final ScimClient client;
    private final @Nullable String serverFilter;
    private final int pageSize;
    private final int maxPages;

    /** @param serverFilter the filter the server is asked to apply (e.g. {@code active eq false}), or null for none */
    public DeactivatedUserSource(ScimClient client, @Nullable String serverFilter, int pageSize, int maxPages) {
        this.client = client;
        this.serverFilter = serverFilter;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    @Override
    public void readInto(CollectedRows rows) {
        String filter = serverFilter;
        ScimListPage page;
        try {
            page = client.listUsers(filter, 1, pageSize);
        } catch (ScimErrorResponseException e) {
            if (filter == null || !e.isInvalidFilter() && e.status() != 501) {
                throw e;
            }
            log.info("The server does not support the filter '{}' ({}); listing every user and keeping the deactivated ones",
                    filter, e.detail());
            filter = null;
            page = client.listUsers(null, 1, pageSize);
        }
        if (filter != null && page.resources().isEmpty()) {
            // a server whose matcher cannot compare the attribute answers 200 with no one: an empty answer proves nothing
            log.info("The filter '{}' found no one; listing every user to make sure none is deactivated", filter);
            filter = null;
            page = client.listUsers(null, 1, pageSize);
        }
        DirectoryPages.forEachUser(client, filter, page, pageSize, maxPages, user -> {
            if (user.isDeactivated()) {
                String display = user.displayEmail() == null ? user.id() : user.displayEmail();
                rows.accept(null, display, user.id(), user.id(), user.names(), user.lastModified(), user.active());
            }
        });
    }

    @Override
    public String describe() {
        return "deactivated users of " + client.base();
    }
}
