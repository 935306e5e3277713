package dev.scimpurge.sandbox;

/**
 * What ServiceProviderConfig says about Bulk (RFC 7644 §3.7). No personality implements {@code POST /Bulk} yet;
 * one that does declares it here and {@link ScimApi} routes {@code /Bulk} to it.
 */
record BulkSupport(boolean supported, int maxOperations, int maxPayloadSize) {

    static BulkSupport unsupported() {
        return new BulkSupport(false, 0, 0);
    }
}
