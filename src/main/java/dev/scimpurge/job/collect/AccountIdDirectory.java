package dev.scimpurge.job.collect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimUser;

/**
 * The users of the directory by the service's own account id ({@link ScimUser#accountId}, Atlassian's aaid), read by
 * paging the directory once: the service filters on no such attribute. A CSV of those ids is resolved here to SCIM ids,
 * so that none of its values is ever sent as a SCIM id.
 */
final class AccountIdDirectory {

    private final ScimClient client;
    private final String attribute;
    private final int pageSize;
    private final int maxPages;

    /** @param attribute the attribute that holds the account ids, for messages */
    AccountIdDirectory(ScimClient client, String attribute, int pageSize, int maxPages) {
        this.client = client;
        this.attribute = attribute;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    /** The users whose account id is one of {@code wanted}, and whether the whole directory was read. */
    Found find(Set<String> wanted) {
        Map<String, ScimUser> users = new HashMap<>();
        boolean complete = DirectoryPages.forEachUser(client, null, client.firstPage(null, pageSize), pageSize, maxPages, user -> {
            String accountId = user.accountId();
            if (accountId != null && wanted.contains(accountId)) {
                users.putIfAbsent(accountId, user);
            }
        });
        return new Found(Map.copyOf(users), complete);
    }

    String attribute() {
        return attribute;
    }

    /** @param complete false when the listing stopped early: an id not found then proves nothing */
    record Found(Map<String, ScimUser> byAccountId, boolean complete) {
    }
}
