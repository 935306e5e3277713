package dev.scimpurge.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * A service the sandbox plays from data, with no class of its own: where its SCIM base lives, what its DELETE does,
 * which filter attributes it documents and how many users a page holds. Built from a provider profile's YAML (its URL
 * layout and its {@code sandbox:} quirks), so that a new profile gets a rehearsal sandbox without code.
 *
 * @param name             the provider's name, e.g. {@code github-emu}
 * @param scimBasePath     the SCIM base on the sandbox's site, raw, e.g. {@code /scim/v2/enterprises/rehearsal}
 * @param usersPath        the Users collection's path segment, e.g. {@code Users}
 * @param delete           what {@code DELETE {base}/Users/{id}} does there
 * @param filterAttributes the attributes the service documents as filterable; any other filter answers 400
 *                         {@code invalidFilter}; empty means every attribute the sandbox knows
 * @param maxPageSize      the most users one page holds, whatever {@code count} asks
 * @param ids              what the service's user ids look like
 * @param deleteRateLimit  the DELETEs the service admits; over it DELETE answers 429 with {@code Retry-After}
 * @param paging           how the service pages its listing
 * @param resourcesKey     the name of a list answer's array of users: {@code Resources} (RFC 7644), or as the service's
 *                         reference spells it
 */
public record ServiceProfile(String name, String scimBasePath, String usersPath, DeleteAnswer delete,
                             List<String> filterAttributes, int maxPageSize, IdForm ids, DeleteRateLimit deleteRateLimit,
                             ListingPaging paging, String resourcesKey) {

    /** A service that pages by {@code startIndex}. */
    public ServiceProfile(String name, String scimBasePath, String usersPath, DeleteAnswer delete,
            List<String> filterAttributes, int maxPageSize, IdForm ids, DeleteRateLimit deleteRateLimit) {
        this(name, scimBasePath, usersPath, delete, filterAttributes, maxPageSize, ids, deleteRateLimit, ListingPaging.INDEX,
                ScimJson.RESOURCES);
    }

    /** The most users a page of the sandbox holds, for services that document no limit. */
    public static final int MAX_PAGE_SIZE = UserListing.MAX_COUNT;

    public ServiceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scimBasePath, "scimBasePath");
        if (!scimBasePath.startsWith("/") || scimBasePath.endsWith("/")) {
            throw new IllegalArgumentException("the SCIM base path must start and not end with '/', was " + scimBasePath);
        }
        Objects.requireNonNull(usersPath, "usersPath");
        Objects.requireNonNull(delete, "delete");
        filterAttributes = List.copyOf(filterAttributes);
        if (maxPageSize < 1 || maxPageSize > UserListing.MAX_COUNT) {
            throw new IllegalArgumentException("maxPageSize must be within 1.." + UserListing.MAX_COUNT + ", was " + maxPageSize);
        }
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(deleteRateLimit, "deleteRateLimit");
        Objects.requireNonNull(paging, "paging");
        if (resourcesKey == null || !resourcesKey.equalsIgnoreCase(ScimJson.RESOURCES)) {
            throw new IllegalArgumentException("the list's array is Resources in some case, was " + resourcesKey);
        }
    }

    /** What a service does with {@code DELETE {base}/Users/{id}}. */
    public enum DeleteAnswer {
        /** The SCIM identity is gone: a GET of it answers 404 afterwards (RFC 7644; GitHub's hard deprovision). */
        REMOVES,
        /** The user stays, with {@code active} false (Slack). */
        DEACTIVATES,
        /** The service has no DELETE for users: 501, and the user is unchanged (Salesforce, Canva). */
        UNSUPPORTED
    }

    /** What a service's user ids look like. */
    public enum IdForm {
        /** 24 lower-case hex digits, like many directories' object ids. */
        HEX,
        /** A random UUID, e.g. {@code 8c9d0b5e-...}. */
        UUID,
        /** Salesforce's 18-character user ids, {@code 005} and 15 letters or digits. */
        SALESFORCE
    }
}
