package dev.scimpurge.scim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * What a server's 429 answers say about the rate it admits, for a {@link RequestPacer} that was
 * given none. A 429 means the requests sent in the second before the refused one were too many:
 * the rate becomes {@value #BACK_OFF} of them (and never rises through a 429). They are counted by
 * when they were sent, not by when their answers came, so that the requests still in flight when
 * the 429 came, which the server admitted before it, count too; the requests answered 429 do not.
 * A 429 for a request sent less than a second after the last decrease says nothing new: the
 * server's window that refused the first one may refuse every request until it ends, and the
 * requests in flight then are refused together; but one for a request sent before the one that set
 * the pace corrects that count (it was counted as admitted) and lowers the pace by one request. After {@value #PROBE_AFTER_SECONDS} s without a
 * 429 the rate rises, in case the server admits more than it did: by {@value #FIRST_PROBE_PERCENT}%
 * first, a step that doubles with every rise in a row (at most {@value #LARGEST_PROBE_PERCENT}%)
 * and starts small again after a 429, so that a server's steady limit is probed gently and a limit
 * that was raised is found in minutes. A 429 while still unpaced, with nothing sent in the second
 * before it, teaches nothing yet.
 * <p>
 * Times are {@link System#nanoTime()} values. Not thread-safe: the pacer calls it under its lock.
 */
final class RateLearning {

    static final double BACK_OFF = 0.96;
    static final int PROBE_AFTER_SECONDS = 30;
    static final int FIRST_PROBE_PERCENT = 2;
    static final int LARGEST_PROBE_PERCENT = 32;
    /** One request every ten seconds: the least a server that admits anything is paced at. */
    static final double SLOWEST = 0.1;

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long PROBE_AFTER = TimeUnit.SECONDS.toNanos(PROBE_AFTER_SECONDS);

    private final Deque<Long> sentAt = new ArrayDeque<>();
    private final Deque<Long> refusedSentAt = new ArrayDeque<>();
    private long decreasedAt;
    private long changedAt;
    private int probePercent = FIRST_PROBE_PERCENT;
    /** The 429 the pace was last set from: when its request left, the requests counted as admitted before it, the pace then. */
    private long estimatedAt = Long.MIN_VALUE;
    private int estimatedFrom;
    private double estimatedBefore;

    RateLearning(long now) {
        this.decreasedAt = now - SECOND;
        this.changedAt = now;
    }

    /** A request leaves at {@code at} (sent in the order of these calls). */
    void sent(long at) {
        sentAt.addLast(at);
        forgetBefore(sentAt, at - 2 * SECOND);
    }

    /**
     * @param sentAt  when the answered request left
     * @param refused whether the answer was 429
     * @param current the rate paced at now; 0 when unpaced
     * @return the rate to pace at from now on (0: still unpaced)
     */
    double answered(long sentAt, boolean refused, long now, double current) {
        if (!refused) {
            if (current > 0 && now - changedAt >= PROBE_AFTER) {
                changedAt = now;
                double raised = current * (100 + probePercent) / 100;
                probePercent = Math.min(LARGEST_PROBE_PERCENT, 2 * probePercent);
                return raised;
            }
            return current;
        }
        refusedSentAt.addLast(sentAt);
        forgetBefore(refusedSentAt, now - 2 * SECOND);
        if (sentAt - decreasedAt < SECOND) {
            if (sentAt < estimatedAt && sentAt >= estimatedAt - SECOND && estimatedFrom > 1) {
                // Sent before the request whose 429 set the pace, and counted there as admitted: it was not.
                estimatedFrom--;
                return Math.min(current, pace(estimatedBefore, estimatedFrom));
            }
            return current;
        }
        int admitted = admittedInSecondBefore(sentAt);
        if (current == 0 && admitted == 0) {
            return current;
        }
        decreasedAt = now;
        changedAt = now;
        probePercent = FIRST_PROBE_PERCENT;
        estimatedAt = sentAt;
        estimatedFrom = admitted;
        estimatedBefore = current;
        return pace(current, admitted);
    }

    private static double pace(double current, int admitted) {
        double basis = current == 0 ? admitted : admitted == 0 ? current : Math.min(current, admitted);
        return Math.max(SLOWEST, basis * BACK_OFF);
    }

    /** The requests sent within the second before {@code sentAt} that were not answered 429 (yet). */
    private int admittedInSecondBefore(long sentAt) {
        long from = sentAt - SECOND;
        int sent = 0;
        for (long at : this.sentAt) {
            if (at >= from && at < sentAt) {
                sent++;
            }
        }
        for (long at : refusedSentAt) {
            if (at >= from && at < sentAt) {
                sent--;
            }
        }
        return Math.max(0, sent);
    }

    private static void forgetBefore(Deque<Long> times, long oldest) {
        while (!times.isEmpty() && times.peekFirst() < oldest) {
            times.removeFirst();
        }
    }
}
