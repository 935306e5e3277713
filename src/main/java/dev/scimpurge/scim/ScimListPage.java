package dev.scimpurge.scim;

import java.util.List;

/**
 * One page of a SCIM ListResponse (RFC 7644 §3.4.2).
 *
 * @param resourcesGiven whether the answer had a {@code Resources} array: an empty page may come as a bare
 *                       {@code {"totalResults": 0}}, which {@code probe} reports
 */
public record ScimListPage(int totalResults, int startIndex, List<ScimUser> resources, boolean resourcesGiven) {

    public ScimListPage {
        resources = List.copyOf(resources);
    }

    public ScimListPage(int totalResults, int startIndex, List<ScimUser> resources) {
        this(totalResults, startIndex, resources, true);
    }
}
