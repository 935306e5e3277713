package dev.scimpurge.sandbox;

/**
 * Which of the fields that tie a BulkResponse operation to its request the sandbox writes, set with
 * {@link SandboxFaults#bulkResultIdentifiers}. RFC 7644 §3.7 asks for {@code location} on every operation but a failed
 * POST, and for {@code bulkId} on POST; servers differ.
 */
public enum BulkResultIdentifiers {

    /** The default: the request's {@code bulkId} when it had one, and the user's {@code location}. */
    BULK_ID_AND_LOCATION(true, true),

    /** {@code location} only: servers that echo {@code bulkId} for POST alone, as the RFC requires no more. */
    LOCATION_ONLY(false, true),

    /** {@code bulkId} only, when the request had one. */
    BULK_ID_ONLY(true, false),

    /** Neither: each operation has only {@code method}, {@code status} and, when it failed, {@code response}. */
    NONE(false, false);

    private final boolean bulkId;
    private final boolean location;

    BulkResultIdentifiers(boolean bulkId, boolean location) {
        this.bulkId = bulkId;
        this.location = location;
    }

    boolean writesBulkId() {
        return bulkId;
    }

    boolean writesLocation() {
        return location;
    }
}
