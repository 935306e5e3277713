package dev.scimpurge.monitoring;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * A progress bar with rate and ETA on the terminal (standard error), one bar per counted phase.
 * Nothing is drawn between steps, so the confirmation prompt of the guard step stays readable.
 */
final class TerminalProgressBar implements ProgressDisplay {

    private @Nullable ProgressBar bar;

    @Override
    public void show(@Nullable Progress progress) {
        if (progress == null || !progress.counted()) {
            close();
            return;
        }
        if (bar == null || !bar.getTaskName().equals(progress.phase())) {
            close();
            if (progress.done() >= progress.total()) {
                return; // nothing left in this phase (e.g. deactivated users come with their ids): no bar to watch
            }
            // Rows done so far are where the bar starts, not part of the rate it measures from here; the time
            // shown is the phase's own, also when the bar appears after it began.
            bar = new ProgressBarBuilder()
                    .setTaskName(progress.phase())
                    .setInitialMax(progress.total())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" rows", 1)
                    .showSpeed()
                    .setUpdateIntervalMillis(500)
                    .startsFrom(progress.done(), progress.elapsed())
                    .build();
        }
        bar.maxHint(progress.total());
        bar.stepTo(progress.done());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
