package dev.scimpurge.scim;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What a BulkResponse says about each operation, in the server's order. */
public record ScimBulkResponse(List<Operation> operations) {

    public ScimBulkResponse {
        operations = List.copyOf(operations);
    }

    /**
     * @param bulkId   as the request gave it, or null when the server left it out
     * @param location the resource's URL, or null
     * @param status   the operation's HTTP status, or null when the server gave none that could be read
     * @param detail   the server's own words for an error status, null otherwise
     */
    public record Operation(@Nullable String bulkId, @Nullable String location, @Nullable Integer status, @Nullable String detail) {
    }
}
