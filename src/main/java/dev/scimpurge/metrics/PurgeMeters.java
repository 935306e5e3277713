package dev.scimpurge.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.scimpurge.scim.RequestEvents;

/**
 * The purge's own meters: requests by method and status, 429s, the pauses servers asked for with
 * Retry-After, retries; and the figures of the run (rows by outcome, how it ended).
 */
public final class PurgeMeters implements RequestEvents {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public PurgeMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String method, int status) {
        requests(method, Integer.toString(status)).increment();
        if (status == 429) {
            Counter.builder("scim.purge.rate.limited").description("Answers 429 Too Many Requests").register(registry).increment();
        }
    }

    @Override
    public void unanswered(String method) {
        requests(method, "none").increment();
    }

    @Override
    public void retryAfter(Duration pause) {
        Timer.builder("scim.purge.retry.after.wait").description("Pauses the server asked for with Retry-After")
                .register(registry).record(pause);
    }

    @Override
    public void retried(RetryReason reason) {
        Counter.builder("scim.purge.retries").description("Requests sent again").tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    private Counter requests(String method, String status) {
        return Counter.builder("scim.purge.requests").description("SCIM requests by method and answer status (none: no answer)")
                .tag("method", method).tag("status", status).register(registry);
    }

    /** Sets a gauge of the run, registering it on first use; {@code tags} as name, value pairs. */
    void set(String name, String description, long value, String... tags) {
        StringBuilder key = new StringBuilder(name);
        for (String tag : tags) {
            key.append('|').append(tag);
        }
        gauges.computeIfAbsent(key.toString(), k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).description(description).tags(tags).register(registry);
            return holder;
        }).set(value);
    }
}
