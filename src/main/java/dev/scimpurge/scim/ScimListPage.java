package dev.scimpurge.scim;

import java.util.List;

/** One page of a SCIM ListResponse (RFC 7644 §3.4.2). */
public record ScimListPage(int totalResults, int startIndex, List<ScimUser> resources) {

    public ScimListPage {
        resources = List.copyOf(resources);
    }
}
