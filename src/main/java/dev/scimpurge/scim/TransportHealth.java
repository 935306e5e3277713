package dev.scimpurge.scim;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the transport failures (no answer at all) in a row, across every request of the client:
 * any answer, even an error status, resets it. {@code outageAfter} failures in a row mean the
 * server is down, not that one request was unlucky.
 */
public final class TransportHealth {

    private final int outageAfter;
    private final AtomicInteger failuresInARow = new AtomicInteger();

    public TransportHealth(int outageAfter) {
        this.outageAfter = Math.max(1, outageAfter);
    }

    void answered() {
        failuresInARow.set(0);
    }

    void failed() {
        failuresInARow.incrementAndGet();
    }

    public boolean isDown() {
        return failuresInARow.get() >= outageAfter;
    }
}
