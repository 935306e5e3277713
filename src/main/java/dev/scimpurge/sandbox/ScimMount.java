package dev.scimpurge.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where one SCIM base lives and how its listing behaves.
 *
 * @param basePath         e.g. {@code /scim/v2}; raw, without a trailing slash
 * @param usersCollections the accepted spellings of the Users collection, compared exactly (paths are case-sensitive)
 * @param filterPolicy     which filter attributes the base accepts
 * @param activeAsText     {@code active} is answered as the string {@code "True"}/{@code "False"}, as Anaplan's
 *                         documented example shows, rather than a JSON boolean
 * @param atlassianAccountIds each user carries its Atlassian account id ({@link AtlassianIds#accountIdOf}) in
 *                         {@value AtlassianIds#EXTERNAL_SCHEMA}
 * @param maxCount         the most users one page holds, whatever {@code count} asks (silently, as most servers)
 * @param paging           how {@code GET /Users} pages
 * @param resourcesKey     the name of a list answer's array of users
 */
record ScimMount(String basePath, Set<String> usersCollections, FilterPolicy filterPolicy, boolean activeAsText,
                 boolean atlassianAccountIds, int maxCount, ListingPaging paging, String resourcesKey) {

    ScimMount {
        Objects.requireNonNull(basePath, "basePath");
        if (!basePath.startsWith("/") || basePath.endsWith("/")) {
            throw new IllegalArgumentException("basePath must start and not end with '/', was " + basePath);
        }
        usersCollections = Set.copyOf(usersCollections);
        Objects.requireNonNull(filterPolicy, "filterPolicy");
        Objects.requireNonNull(paging, "paging");
    }

    ScimMount(String basePath, Set<String> usersCollections, FilterPolicy filterPolicy) {
        this(basePath, usersCollections, filterPolicy, false, false, UserListing.MAX_COUNT, ListingPaging.INDEX, ScimJson.RESOURCES);
    }

    /** RFC 7644 as written: {@code {base}/Users}, any filter attribute the sandbox knows. */
    static ScimMount standard(String basePath) {
        return new ScimMount(basePath, Set.of("Users"), FilterPolicy.anyAttribute());
    }

    ScimMount withUsersCollections(String... spellings) {
        return new ScimMount(basePath, Set.of(spellings), filterPolicy, activeAsText, atlassianAccountIds, maxCount, paging, resourcesKey);
    }

    ScimMount withFilterPolicy(FilterPolicy newPolicy) {
        return new ScimMount(basePath, usersCollections, newPolicy, activeAsText, atlassianAccountIds, maxCount, paging, resourcesKey);
    }

    ScimMount withActiveAsText() {
        return new ScimMount(basePath, usersCollections, filterPolicy, true, atlassianAccountIds, maxCount, paging, resourcesKey);
    }

    ScimMount withMaxCount(int newMaxCount) {
        return new ScimMount(basePath, usersCollections, filterPolicy, activeAsText, atlassianAccountIds, newMaxCount, paging, resourcesKey);
    }

    ScimMount withAtlassianAccountIds() {
        return new ScimMount(basePath, usersCollections, filterPolicy, activeAsText, true, maxCount, paging, resourcesKey);
    }

    ScimMount withPaging(ListingPaging newPaging) {
        return new ScimMount(basePath, usersCollections, filterPolicy, activeAsText, atlassianAccountIds, maxCount, newPaging,
                resourcesKey);
    }

    ScimMount withResourcesKey(String newKey) {
        return new ScimMount(basePath, usersCollections, filterPolicy, activeAsText, atlassianAccountIds, maxCount, paging, newKey);
    }

    boolean covers(String rawPath) {
        return rawPath.equals(basePath) || rawPath.startsWith(basePath + "/");
    }

    boolean isUsersCollection(String rawSegment) {
        return usersCollections.contains(rawSegment);
    }

    /** Splits only on literal '/', so an id containing an encoded "%2F" stays one segment. */
    List<String> rawSegmentsAfterBase(String rawPath) {
        String rest = rawPath.substring(basePath.length());
        return rest.isEmpty() || rest.equals("/") ? List.of() : Arrays.asList(rest.substring(1).split("/", -1));
    }
}
