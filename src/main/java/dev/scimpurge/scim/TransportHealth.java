package dev.scimpurge.scim;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the transport failures (no answer at all) in a row, across every request of the client:
 * any answer, even an error status, resets it. {@code outageAfter} failures in a row mean the
 * server is down, not that one request was unlucky; from then on {@link ScimClient} sends nothing.
 */
public final class TransportHealth {

    private final int outageAfter;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile String lastFailure = "";

    public TransportHealth(int outageAfter) {
        this.outageAfter = Math.max(1, outageAfter);
    }

    void answered() {
        failuresInARow.set(0);
    }

    /** @param what the failure, as its exception says it */
    void failed(String what) {
        lastFailure = what;
        failuresInARow.incrementAndGet();
    }

    public boolean isDown() {
        return failuresInARow.get() >= outageAfter;
    }

    /** Why the server counts as down, for the operator. */
    String outage() {
        return failuresInARow.get() + " requests in a row had no answer, the last: " + lastFailure;
    }
}
