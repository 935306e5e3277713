package dev.scimpurge.sandbox;

import tools.jackson.databind.JsonNode;

/**
 * Bulk requests that a real server fails as a whole, set with {@link SandboxFaults#failWholeBulk}: they answer 500
 * with a SCIM error instead of a BulkResponse, and none of their operations is carried out.
 */
public enum WholeBulkFailure {

    /** Every Bulk request: a server whose ServiceProviderConfig offers a Bulk endpoint that does not work. */
    EVERY_REQUEST,

    /**
     * A request in which a DELETE operation carries a {@code bulkId}, every time; without one the DELETE works, as on
     * the server of issue 12 (RFC 7644 §3.7 requires {@code bulkId} for POST only, and allows it elsewhere).
     */
    DELETE_WITH_BULK_ID,

    /** A request with a PATCH operation, as on the server of issue 12, whose Bulk handles DELETE but not PATCH. */
    PATCH_OPERATION;

    /** @param operations a BulkRequest's {@code Operations} */
    boolean hits(JsonNode operations) {
        return switch (this) {
            case EVERY_REQUEST -> true;
            case DELETE_WITH_BULK_ID -> operations.valueStream()
                    .anyMatch(operation -> isMethod(operation, "DELETE") && operation.has("bulkId"));
            case PATCH_OPERATION -> operations.valueStream().anyMatch(operation -> isMethod(operation, "PATCH"));
        };
    }

    private static boolean isMethod(JsonNode operation, String method) {
        JsonNode value = operation.get("method");
        return value != null && value.isString() && value.stringValue().equals(method);
    }
}
