package dev.scimpurge.monitoring;

import java.time.Duration;

/**
 * Where a running execution stands: its phase, and in the phases that go row by row, how many of
 * how many rows are done, and what this execution did of them so far.
 *
 * @param total    the rows this phase works through, or -1 where the phase is not counted in rows
 * @param doneHere the rows this execution's step has done (committed); the others of {@code done}
 *                 were done before it began (by an earlier execution, or by an earlier phase)
 * @param elapsed  how long this execution's step has run, or ran if it is over
 * @param over     whether the step has ended
 */
public record Progress(String phase, long done, long total, long doneHere, Duration elapsed, boolean over) {

    /** A phase that is not counted in rows. */
    static Progress uncounted(String phase) {
        return new Progress(phase, 0, -1, 0, Duration.ZERO, false);
    }

    public boolean counted() {
        return total >= 0;
    }

    public long left() {
        return total - done;
    }
}
