package dev.scimpurge.monitoring;

/**
 * Where a running execution stands: its phase, and in the phases that go row by row, how many of
 * how many rows are done.
 *
 * @param total the rows this phase works through, or -1 where the phase is not counted in rows
 */
public record Progress(String phase, long done, long total) {

    public boolean counted() {
        return total >= 0;
    }
}
