package dev.scimpurge.scim;

/**
 * A token bucket shared by every thread that sends a paced request: at most {@code burst}
 * requests at once, refilled at {@code ratePerSecond}. A rate of 0 means unpaced.
 */
public final class RequestPacer {

    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private long lastRefillNanos;

    public RequestPacer(double ratePerSecond, int burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.lastRefillNanos = System.nanoTime();
    }

    public static RequestPacer unpaced() {
        return new RequestPacer(0, 1);
    }

    public void acquire() {
        if (ratePerSecond <= 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            refill();
            tokens -= 1;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / ratePerSecond * 1_000_000_000L);
        }
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScimTransportException("interrupted while pacing requests", e);
            }
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefillNanos) / 1_000_000_000.0 * ratePerSecond);
        lastRefillNanos = now;
    }
}
