package dev.scimpurge.monitoring;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Shows the progress of an execution while it runs, from a thread of its own that reads what the
 * chunks committed: a bar on a terminal, a log line every {@code scim-purge.progress.interval}
 * without one, nothing with --quiet.
 */
@Component
public class ProgressReporter implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final Duration BAR_REFRESH = Duration.ofMillis(500);

    private final ProgressProperties properties;
    private final ProgressQuery query;
    private final AtomicReference<Reporting> current = new AtomicReference<>();

    public ProgressReporter(ProgressProperties properties, ProgressQuery query) {
        this.properties = properties;
        this.query = query;
    }

    private record Reporting(ScheduledExecutorService scheduler, ProgressDisplay display) {
    }

    @Override
    public void beforeJob(JobExecution execution) {
        if (properties.mode() == ProgressMode.NONE) {
            return;
        }
        ProgressDisplay display = properties.mode() == ProgressMode.BAR ? new TerminalProgressBar() : new ProgressLines(log);
        Duration period = properties.mode() == ProgressMode.BAR ? BAR_REFRESH : properties.interval();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "progress");
            thread.setDaemon(true);
            return thread;
        });
        // The reporting thread logs on behalf of this execution, so its lines carry the same context (the execution id).
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        scheduler.scheduleAtFixedRate(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                display.show(query.current(execution));
            } catch (RuntimeException e) {
                log.debug("Progress not available: {}", e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        current.set(new Reporting(scheduler, display));
    }

    @Override
    public void afterJob(JobExecution execution) {
        Reporting reporting = current.getAndSet(null);
        if (reporting == null) {
            return;
        }
        reporting.scheduler().shutdownNow();
        try {
            reporting.scheduler().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            reporting.display().show(query.current(execution)); // the final figures, not those of the last tick
        } catch (RuntimeException e) {
            log.debug("Progress not available: {}", e.getMessage());
        }
        reporting.display().close();
    }
}
