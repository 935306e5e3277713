package dev.scimpurge.scim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces out the requests of every thread that sends one: at most {@code ratePerSecond}, with up
 * to {@code burst} at once after a quiet spell (a token bucket, kept as the time the next request
 * may leave). A rate of 0 means unpaced.
 * <p>
 * A pacer {@linkplain #learningFrom429s(double, DoubleConsumer) learning from 429s} starts unpaced, or at the rate
 * learned for the same target before, and takes its rate from the server's 429 answers ({@link RateLearning}), one
 * request at a time, no burst: so a run given no {@code --rate} settles just under what the service admits instead of
 * running into its limit, and waiting out its {@code Retry-After}, again and again. Each rate it learns is handed to a
 * listener, outside the pacer's lock, so that the next run of the target can start at it.
 */
public final class RequestPacer {

    private static final Logger log = LoggerFactory.getLogger(RequestPacer.class);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** How close together a learned pace's requests may leave: three quarters of an interval. */
    static final double CATCH_UP_SPACING = 0.75;

    private static final DoubleConsumer NOBODY = rate -> {
    };

    private final LongSupplier nanoClock;
    private final @Nullable RateLearning learning;
    private final DoubleConsumer learned;
    /** Held while the listener is told, so that the last rate it hears is the pacer's latest. */
    private final Object telling = new Object();
    private final int burst;
    private double ratePerSecond;
    private long nextSlot = Long.MIN_VALUE;
    private long lastSlot = Long.MIN_VALUE / 2;
    private final Deque<Long> slotsInLastSecond = new ArrayDeque<>();

    RequestPacer(double ratePerSecond, int burst, boolean learnFrom429s, LongSupplier nanoClock) {
        this(ratePerSecond, burst, learnFrom429s, nanoClock, NOBODY);
    }

    RequestPacer(double ratePerSecond, int burst, boolean learnFrom429s, LongSupplier nanoClock, DoubleConsumer learned) {
        this.nanoClock = nanoClock;
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, burst);
        this.learning = learnFrom429s ? new RateLearning(nanoClock.getAsLong()) : null;
        this.learned = learned;
    }

    /** At most {@code ratePerSecond} requests a second, {@code burst} at once; 0 means unpaced. */
    public static RequestPacer fixed(double ratePerSecond, int burst) {
        return new RequestPacer(ratePerSecond, burst, false, System::nanoTime);
    }

    public static RequestPacer unpaced() {
        return fixed(0, 1);
    }

    /** Unpaced until the server answers 429; then paced at the rate its answers show. */
    public static RequestPacer learningFrom429s() {
        return learningFrom429s(0, NOBODY);
    }

    /**
     * Paced at {@code startAt} (0: unpaced) until the server's answers say otherwise.
     *
     * @param learned told every rate learned from then on
     */
    public static RequestPacer learningFrom429s(double startAt, DoubleConsumer learned) {
        return new RequestPacer(startAt, 1, true, System::nanoTime, learned);
    }

    /** Waits for this request's turn. @return when it may leave, for {@link #answered} */
    public long acquire() {
        long now = nanoClock.getAsLong();
        long slot = reserve(now);
        if (slot > now) {
            try {
                TimeUnit.NANOSECONDS.sleep(slot - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScimTransportException("interrupted while pacing requests", e);
            }
        }
        return Math.max(now, slot);
    }

    /** The server answered the request that left at {@code sentAt}; {@code tooManyRequests}: with 429. */
    public void answered(long sentAt, boolean tooManyRequests) {
        RateLearning learning = this.learning;
        if (learning != null && learn(learning, sentAt, tooManyRequests)) {
            synchronized (telling) {
                learned.accept(ratePerSecond());
            }
        }
    }

    /** @return whether the rate changed */
    private synchronized boolean learn(RateLearning learning, long sentAt, boolean tooManyRequests) {
        double rate = learning.answered(sentAt, tooManyRequests, nanoClock.getAsLong(), ratePerSecond);
        if (rate < ratePerSecond || ratePerSecond == 0 && rate > 0) {
            log.info("The server answered 429 Too Many Requests: pacing requests at {}/s from now on", perSecond(rate));
        } else if (rate > ratePerSecond) {
            log.debug("No 429 for {} s: pacing requests at {}/s", RateLearning.PROBE_AFTER_SECONDS, perSecond(rate));
        }
        boolean changed = rate != ratePerSecond;
        ratePerSecond = rate;
        return changed;
    }

    /** Requests per second paced at now; 0 when unpaced. */
    public synchronized double ratePerSecond() {
        return ratePerSecond;
    }

    /** The time this request may leave, possibly before {@code now} when the burst allows it to go at once. */
    synchronized long reserve(long now) {
        long slot = now;
        if (learning != null && ratePerSecond >= 2) {
            slot = catchingUp(now);
        } else if (ratePerSecond > 0) {
            long interval = (long) (SECOND / ratePerSecond);
            long burstAllowance = (long) Math.min(Long.MAX_VALUE / 4, (burst - 1) * (double) interval);
            slot = Math.max(nextSlot, now - burstAllowance);
            nextSlot = slot + interval;
        }
        if (learning != null) {
            learning.sent(Math.max(now, slot));
        }
        return slot;
    }

    /**
     * A learned rate's slot: at most the rate's whole requests in any second, at least
     * {@value #CATCH_UP_SPACING} of an interval (1/rate) apart. Where a steady one-every-interval would lose the
     * slots no request took (the workers between two chunks), this takes them up later in the same second, so
     * the server's window never sees more than the pace in a second and the pace is kept in full.
     */
    private long catchingUp(long now) {
        long interval = (long) (SECOND / ratePerSecond);
        int most = (int) ratePerSecond;
        long slot = Math.max(now, lastSlot + (long) (interval * CATCH_UP_SPACING));
        if (slotsInLastSecond.size() >= most) {
            var newest = slotsInLastSecond.descendingIterator();
            long mostRecentAllowed = 0;
            for (int i = 0; i < most; i++) {
                mostRecentAllowed = newest.next();
            }
            slot = Math.max(slot, mostRecentAllowed + SECOND);
        }
        slotsInLastSecond.addLast(slot);
        while (slotsInLastSecond.peekFirst() <= slot - SECOND) {
            slotsInLastSecond.removeFirst();
        }
        lastSlot = slot;
        nextSlot = slot + interval;
        return slot;
    }

    private static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%.1f", rate);
    }
}
