package dev.scimpurge.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition to hold, checking it every few milliseconds, instead of sleeping a guessed time. */
public final class Poll {

    private static final long INTERVAL_MILLIS = 20;

    private Poll() {
    }

    /** A condition that throws (the database not created yet, ...) counts as not holding yet. */
    public static void until(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(INTERVAL_MILLIS);
        }
        throw new AssertionError("not within " + patience + ": " + what, last);
    }
}
