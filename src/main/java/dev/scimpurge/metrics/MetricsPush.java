package dev.scimpurge.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.DisposableBean;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.report.RunEnd;
import dev.scimpurge.report.RunSummary;
import dev.scimpurge.report.RunSummaryQuery;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Pushes the run's metrics to the Pushgateway every {@code push-interval} while it goes on, at its
 * end with how it ended, and once more when the run's context closes (Spring Batch's own
 * observation of the job ends after its listeners). A push that fails is logged and changes nothing
 * of the run.
 */
public class MetricsPush implements JobExecutionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MetricsPush.class);

    private final PrometheusMeterRegistry registry;
    private final PurgeMeters meters;
    private final RunSummaryQuery summaries;
    private final MetricsProperties properties;
    private final Duration timeout;

    private volatile @Nullable Pushgateway gateway;
    private volatile @Nullable JobExecution running;
    private volatile boolean warned;
    private @Nullable ScheduledExecutorService schedule;

    MetricsPush(PrometheusMeterRegistry registry, PurgeMeters meters, RunSummaryQuery summaries, MetricsProperties properties,
            Duration timeout) {
        this.registry = registry;
        this.meters = meters;
        this.summaries = summaries;
        this.properties = properties;
        this.timeout = timeout;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        if (properties.pushUrl() == null) {
            return;
        }
        PurgeJobParameters run = PurgeJobParameters.from(execution.getJobParameters());
        gateway = new Pushgateway(properties.pushUrl(), properties.job(), run.target().toString(), timeout);
        running = execution;
        warned = false;
        long every = Math.max(1, properties.pushInterval().toMillis());
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "metrics-push");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> push(false), every, every, TimeUnit.MILLISECONDS);
        schedule = executor;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (gateway == null) {
            return;
        }
        stopSchedule();
        try {
            RunSummary summary = summaries.summarize(execution);
            rows(summary);
            RunEnd end = RunEnd.of(execution, summary);
            boolean dryRun = PurgeJobParameters.from(execution.getJobParameters()).guards().dryRun();
            long now = Instant.now().getEpochSecond();
            meters.set("scim.purge.run.exit.code", "The exit code of the last run", end.exitCode());
            meters.set("scim.purge.run.refused", "1 when a safety guard refused the last run", end == RunEnd.REFUSED ? 1 : 0);
            meters.set("scim.purge.run.duration.seconds", "How long the last run took", summary.elapsed().toSeconds());
            meters.set("scim.purge.run.end.timestamp.seconds", "When the last run ended", now);
            meters.set("scim.purge.run.end", "How the last run ended (1 for its end)", 1, "end", end.name().toLowerCase(Locale.ROOT));
            if (end == RunEnd.COMPLETED && !dryRun) {
                meters.set("scim.purge.last.success.timestamp.seconds", "When a run last removed every selected user", now);
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the run's figures for its metrics: {}", e.getMessage());
        }
        running = null;
        push(true);
    }

    /** After the job's own observation has ended: the last push has every meter. */
    @Override
    public void destroy() {
        stopSchedule();
        if (gateway != null) {
            push(true);
        }
    }

    private void rows(RunSummary summary) {
        for (Outcome outcome : Outcome.values()) {
            meters.set("scim.purge.rows", "Input rows by outcome (pending: none yet)", summary.counts().get(outcome),
                    "outcome", outcome.name().toLowerCase(Locale.ROOT));
        }
        meters.set("scim.purge.rows", "Input rows by outcome (pending: none yet)", summary.pending(), "outcome", "pending");
        meters.set("scim.purge.rows.read", "Input rows read", summary.read());
    }

    private void push(boolean last) {
        Pushgateway target = gateway;
        if (target == null) {
            return;
        }
        JobExecution execution = running;
        try {
            if (execution != null) {
                rows(summaries.summarize(execution));
            }
            target.push(registry.scrape());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (last || !warned) {
                warned = true;
                log.warn("Could not push the metrics to {}: {}. The run goes on unchanged; check --metrics-push.", target.describe(),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private synchronized void stopSchedule() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }
}
