package dev.scimpurge.scim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the account behind an email address by asking the server with an {@code eq} filter on
 * each attribute in turn (by default {@code emails.value}, then {@code userName}) until one
 * matches; an attribute the server rejects as an invalid filter (or as {@code sensitive}) is not asked again. The server's
 * answer is checked here too, case-insensitively, so a server that ignores or loosens the filter
 * can never make an unrelated account a match.
 */
public final class EmailResolver {

    private static final int PAGE_SIZE = 50;
    private static final int MAX_PAGES = 4;

    private final ScimClient client;
    private final List<String> attributes;
    private final Set<String> rejectedAttributes = ConcurrentHashMap.newKeySet();

    public EmailResolver(ScimClient client, List<String> attributes) {
        this.client = client;
        this.attributes = List.copyOf(attributes);
    }

    public Lookup resolve(String email) {
        List<ScimUser> matches = List.of();
        for (String attribute : attributes) {
            if (rejectedAttributes.contains(attribute)) {
                continue;
            }
            try {
                matches = matching(attribute, email);
            } catch (ScimErrorResponseException e) {
                // A filter refused as sensitive (Anaplan: 404) is a refused filter, never "no such user".
                if (!e.isInvalidFilter() && !e.isSensitive()) {
                    throw e;
                }
                rejectedAttributes.add(attribute);
            }
            if (!matches.isEmpty()) {
                break;
            }
        }
        if (rejectedAttributes.containsAll(attributes)) {
            throw new LookupUnreliableException("the server rejects every lookup filter (" + String.join(", ", attributes)
                    + "); cannot resolve addresses on it");
        }
        Map<String, ScimUser> distinct = new LinkedHashMap<>();
        matches.forEach(user -> distinct.putIfAbsent(user.id(), user));
        return switch (distinct.size()) {
            case 0 -> new Lookup.NotFound();
            case 1 -> new Lookup.Found(distinct.values().iterator().next());
            default -> new Lookup.Ambiguous(List.copyOf(distinct.values()));
        };
    }

    private List<ScimUser> matching(String attribute, String email) {
        String filter = ScimFilter.eq(attribute, email);
        List<ScimUser> matches = new ArrayList<>();
        ScimListPage page = client.firstPage(filter, PAGE_SIZE);
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            int unrelated = 0;
            for (ScimUser user : page.resources()) {
                if (user.matchesEmail(email)) {
                    matches.add(user);
                } else {
                    unrelated++;
                }
            }
            Optional<ListPosition> next = client.paging().next(page);
            if (next.isEmpty()) {
                return matches;
            }
            if (unrelated > 0) {
                throw new LookupUnreliableException("the server ignored the filter '" + filter
                        + "' (it answered with unrelated users across several pages); cannot resolve this address safely");
            }
            page = client.listUsers(filter, next.get(), PAGE_SIZE);
        }
        throw new LookupUnreliableException("the filter '" + filter + "' matched more than "
                + (MAX_PAGES * PAGE_SIZE) + " users; cannot resolve this address safely");
    }

    /** The result of resolving one address. */
    public sealed interface Lookup {
        record Found(ScimUser user) implements Lookup {
        }

        record NotFound() implements Lookup {
        }

        record Ambiguous(List<ScimUser> users) implements Lookup {
        }
    }

    /** The server's answers cannot be trusted to identify one account. */
    public static final class LookupUnreliableException extends RuntimeException {
        public LookupUnreliableException(String message) {
            super(message);
        }
    }
}
