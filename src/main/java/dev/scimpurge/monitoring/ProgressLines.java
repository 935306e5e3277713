package dev.scimpurge.monitoring;

import java.time.Duration;

import org.slf4j.Logger;

/**
 * Progress as log lines, for output that goes to a log: each line says the phase, how many rows of
 * how many are done, the rate since the phase began in this process, and the time left at that rate.
 */
final class ProgressLines implements ProgressDisplay {

    private final Logger log;
    private String phase;
    private long phaseStartNanos;
    private long phaseStartDone;

    ProgressLines(Logger log) {
        this.log = log;
    }

    @Override
    public void show(Progress progress) {
        if (progress == null) {
            return;
        }
        long now = System.nanoTime();
        if (!progress.phase().equals(phase)) {
            phase = progress.phase();
            phaseStartNanos = now;
            phaseStartDone = progress.done();
        }
        if (!progress.counted()) {
            log.info("Progress: {}", phase);
            return;
        }
        double seconds = (now - phaseStartNanos) / 1e9;
        double rate = seconds > 0 ? (progress.done() - phaseStartDone) / seconds : 0;
        long left = progress.total() - progress.done();
        String eta = left == 0 ? "phase done"
                : rate > 0 ? "about " + format(Duration.ofSeconds(Math.round(left / rate))) + " left" : "time left not known yet";
        log.info("Progress: {} {} of {} rows ({}%), {}/s, {}", phase, progress.done(), progress.total(),
                progress.total() == 0 ? 100 : progress.done() * 100 / progress.total(), String.format("%.1f", rate), eta);
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
