package dev.scimpurge.cli;

import java.time.Duration;

import dev.scimpurge.sandbox.SandboxSettings;

/**
 * What a sandbox is seeded with, as {@code sandbox} and {@code purge --sandbox} take it from the
 * command line: its users, how many are deactivated, its latency, and whether it serves SCIM Bulk.
 * {@link SandboxSeedOptions#seed()} validates it.
 *
 * @param bulkMaxOperations the most operations a Bulk request may hold; 0: no Bulk
 * @param bulkMaxPayload    the largest Bulk request body, in bytes
 */
record SandboxSeed(int users, double deactivatedFraction, Duration latency, int bulkMaxOperations, int bulkMaxPayload) {

    /** The sandbox reads no larger request body. */
    static final int MAX_BULK_PAYLOAD = 1 << 20;

    /** {@code base} with these users, latency and Bulk; its personality must be set already (only the generic one serves Bulk). */
    SandboxSettings applyTo(SandboxSettings base) {
        SandboxSettings seeded = base.withUsers(users).withDeactivatedFraction(deactivatedFraction).withLatency(latency);
        return bulkMaxOperations == 0 ? seeded : seeded.withBulk(bulkMaxOperations, bulkMaxPayload);
    }
}
