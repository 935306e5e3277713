package dev.scimpurge.monitoring;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Progress as log lines, for output that goes to a log: each line says the phase, how many rows of
 * how many are done, the rate, and the time left at that rate. The rate is that of the rows done
 * over the last minute of lines (chunks commit in steps, so a shorter window jumps), or, when none
 * were, of those this execution has done in the phase so far; until it has done one, there is no
 * rate to give, and the line says so. The last line of a phase gives what it really did: how many
 * rows, in how long, at what average.
 */
final class ProgressLines implements ProgressDisplay {

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final Logger log;
    /** The earlier lines of this phase within the window, oldest first. */
    private final Deque<Sample> recent = new ArrayDeque<>();

    /** What a line saw: its phase, the rows this execution had done in it, and when. */
    private record Sample(String phase, long doneHere, long nanos) {
    }

    ProgressLines(Logger log) {
        this.log = log;
    }

    @Override
    public void show(@Nullable Progress progress) {
        if (progress == null) {
            return;
        }
        if (!progress.counted()) {
            recent.clear();
            log.info("Progress: {}", progress.phase());
            return;
        }
        long now = System.nanoTime();
        if (!recent.isEmpty() && !recent.peekLast().phase().equals(progress.phase())) {
            recent.clear();
        }
        while (!recent.isEmpty() && now - recent.peekFirst().nanos() > WINDOW_NANOS) {
            recent.removeFirst();
        }
        log.info("Progress: {} {} of {} rows ({}%), {}", progress.phase(), progress.done(), progress.total(),
                progress.total() == 0 ? 100 : progress.done() * 100 / progress.total(), pace(progress, now));
        recent.addLast(new Sample(progress.phase(), progress.doneHere(), now));
    }

    private String pace(Progress progress, long now) {
        double seconds = progress.elapsed().toNanos() / 1e9;
        if (progress.left() == 0 || progress.over()) {
            String outcome = progress.left() == 0 ? "phase done" : progress.left() + " rows not done";
            return progress.doneHere() == 0 || seconds <= 0 ? outcome
                    : outcome + ": " + progress.doneHere() + " rows in " + seconds(seconds) + ", " + rate(progress.doneHere() / seconds);
        }
        Double rate = recentRate(progress, now);
        if (rate == null && progress.doneHere() > 0 && seconds > 0) {
            rate = progress.doneHere() / seconds;
        }
        if (rate == null) {
            return "no row done yet (" + seconds(seconds) + " in)";
        }
        return rate(rate) + ", about " + format(Duration.ofSeconds(Math.round(progress.left() / rate))) + " left";
    }

    /** Rows a second since the oldest line of the window, if rows were done since; else null. */
    private @Nullable Double recentRate(Progress progress, long now) {
        Sample oldest = recent.peekFirst();
        if (oldest == null || progress.doneHere() <= oldest.doneHere() || now <= oldest.nanos()) {
            return null;
        }
        return (progress.doneHere() - oldest.doneHere()) / ((now - oldest.nanos()) / 1e9);
    }

    /** "4.0/s", or per minute below one row in ten seconds, where "0.0/s" would say nothing moves. */
    private static String rate(double perSecond) {
        return perSecond >= 0.1 ? String.format(Locale.ROOT, "%.1f/s", perSecond) : String.format(Locale.ROOT, "%.1f/min", perSecond * 60);
    }

    private static String seconds(double seconds) {
        return seconds < 60 ? String.format(Locale.ROOT, "%.1fs", seconds) : format(Duration.ofSeconds(Math.round(seconds)));
    }

    static String format(Duration d) {
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m " + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }

    @Override
    public void close() {
    }
}
