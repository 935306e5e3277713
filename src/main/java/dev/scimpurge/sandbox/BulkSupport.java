package dev.scimpurge.sandbox;

/**
 * What ServiceProviderConfig says about Bulk (RFC 7644 §3.7), and the limits {@code POST {base}/Bulk} enforces when
 * supported. Set with {@link SandboxSettings#withBulk}; only the generic personality serves it.
 *
 * @param maxOperations  operations one bulk request may carry
 * @param maxPayloadSize bytes one bulk request body may have
 */
public record BulkSupport(boolean supported, int maxOperations, int maxPayloadSize) {

    public BulkSupport {
        if (supported && (maxOperations < 1 || maxPayloadSize < 1)) {
            throw new IllegalArgumentException("bulk needs maxOperations and maxPayloadSize >= 1, was "
                    + maxOperations + " and " + maxPayloadSize);
        }
    }

    public static BulkSupport unsupported() {
        return new BulkSupport(false, 0, 0);
    }

    public static BulkSupport supported(int maxOperations, int maxPayloadSize) {
        return new BulkSupport(true, maxOperations, maxPayloadSize);
    }
}
