package dev.scimpurge.sandbox;

/** BulkRequest bodies (RFC 7644 §3.7) for the tests that post them. */
final class BulkBodies {

    private BulkBodies() {
    }

    static String bulkRequest(String... operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + String.join(",", operations) + "]}";
    }

    static String delete(String id, String bulkId) {
        return "{\"method\":\"DELETE\",\"path\":\"/Users/" + UrlCodec.encodePathSegment(id) + "\",\"bulkId\":\"" + bulkId + "\"}";
    }

    static String deleteWithoutBulkId(String id) {
        return "{\"method\":\"DELETE\",\"path\":\"/Users/" + UrlCodec.encodePathSegment(id) + "\"}";
    }

    static String deactivate(String id, String bulkId) {
        return "{\"method\":\"PATCH\",\"path\":\"/Users/" + UrlCodec.encodePathSegment(id) + "\",\"bulkId\":\"" + bulkId + "\",\"data\":{\"schemas\":"
                + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}}";
    }
}
