package dev.scimpurge.scim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * What a server's 429 answers say about the rate it admits, for a {@link RequestPacer} that was
 * given none. A 429 means the requests of the second before it were too many: the rate becomes
 * {@value #BACK_OFF} of what was admitted in that second (and never rises through a 429). A 429
 * for a request sent less than a second after the last decrease says nothing new: the server's
 * window that refused the first one may refuse every request until it ends, and the requests in
 * flight then are refused together. After {@value #PROBE_AFTER_SECONDS} s without a 429 the
 * rate rises by {@value #PROBE_STEP_PERCENT}%, in case the server admits more than it did, or
 * more than the second before a 429 showed. A 429 while still unpaced, with nothing admitted in
 * the second before it, teaches nothing yet.
 * <p>
 * Times are {@link System#nanoTime()} values. Not thread-safe: the pacer calls it under its lock.
 */
final class RateLearning {

    static final double BACK_OFF = 0.95;
    static final int PROBE_AFTER_SECONDS = 30;
    static final int PROBE_STEP_PERCENT = 5;
    /** One request every ten seconds: the least a server that admits anything is paced at. */
    static final double SLOWEST = 0.1;

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long PROBE_AFTER = TimeUnit.SECONDS.toNanos(PROBE_AFTER_SECONDS);

    private final Deque<Long> admittedAt = new ArrayDeque<>();
    private long decreasedAt;
    private long changedAt;

    RateLearning(long now) {
        this.decreasedAt = now - SECOND;
        this.changedAt = now;
    }

    /**
     * @param sentAt  when the answered request left
     * @param refused whether the answer was 429
     * @param current the rate paced at now; 0 when unpaced
     * @return the rate to pace at from now on (0: still unpaced)
     */
    double answered(long sentAt, boolean refused, long now, double current) {
        while (!admittedAt.isEmpty() && now - admittedAt.peekFirst() > SECOND) {
            admittedAt.removeFirst();
        }
        if (!refused) {
            admittedAt.addLast(now);
            if (current > 0 && now - changedAt >= PROBE_AFTER) {
                changedAt = now;
                return current * (100 + PROBE_STEP_PERCENT) / 100;
            }
            return current;
        }
        int admittedLastSecond = admittedAt.size();
        if (sentAt - decreasedAt < SECOND || current == 0 && admittedLastSecond == 0) {
            return current;
        }
        double admitted = current == 0 ? admittedLastSecond : admittedLastSecond == 0 ? current : Math.min(current, admittedLastSecond);
        decreasedAt = now;
        changedAt = now;
        return Math.max(SLOWEST, admitted * BACK_OFF);
    }
}
