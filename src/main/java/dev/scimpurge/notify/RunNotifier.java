package dev.scimpurge.notify;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * At the end of every execution, tells each destination how it ended, when {@code notify.on}
 * lists that end. A destination that does not take it is tried again briefly, then given up with
 * one log line: a notification never changes the run's outcome or exit code.
 */
public class RunNotifier implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunNotifier.class);

    private final RunNotices notices;
    private final List<Channel> channels;
    private final Set<Trigger> on;
    private final boolean details;
    private final int attempts;
    private final Duration retryDelay;

    RunNotifier(RunNotices notices, List<Channel> channels, Set<Trigger> on, boolean details, int attempts, Duration retryDelay) {
        this.notices = notices;
        this.channels = List.copyOf(channels);
        this.on = Set.copyOf(on);
        this.details = details;
        this.attempts = Math.max(1, attempts);
        this.retryDelay = retryDelay;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (channels.isEmpty()) {
            return;
        }
        RunNotice notice;
        try {
            notice = notices.read(execution, details);
        } catch (RuntimeException e) {
            log.error("Could not read the run's figures for its notification: {}. The run's outcome is unchanged.", e.getMessage());
            return;
        }
        if (!on.contains(notice.trigger())) {
            return;
        }
        for (Channel channel : channels) {
            deliver(channel, notice);
        }
    }

    private void deliver(Channel channel, RunNotice notice) {
        String problem = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                channel.deliver(notice);
                log.info("Notified {} of execution {} ({})", channel.describe(), notice.executionId(), notice.trigger());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
                break;
            } catch (Exception e) {
                problem = firstLine(e);
            }
            if (attempt < attempts && !pause()) {
                problem = "interrupted";
                break;
            }
        }
        log.warn("Could not notify {} of execution {} after {} attempt(s): {}. The run's outcome and exit code are unchanged; "
                + "check the receiver and scim-purge.notify.", channel.describe(), notice.executionId(), attempts, problem);
    }

    /** A mail exception's message goes on with its nested failures, over several lines: the log gets one. */
    static String firstLine(Exception e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines().findFirst().orElse(message).strip();
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }

    private boolean pause() {
        try {
            Thread.sleep(retryDelay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
