package dev.scimpurge.throughput;

import java.util.Locale;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * How fast a run may go: parallel requests, pacing, retries, and how accounts are looked up and
 * removed. Stored with the run as non-identifying job parameters, so a restart may change them.
 *
 * @param concurrency    requests in flight at once (lookups and removals of a chunk), and HTTP connections
 * @param ratePerSecond  requests per second for all workers together; 0 means unpaced
 * @param burst          requests that may go at once before the rate applies
 * @param maxAttempts    how often a request that failed for a passing reason (5xx, no answer) is sent in all
 * @param lookup         how emails are resolved to accounts
 * @param bulk           whether removals may go as SCIM Bulk requests, where the server and the removal allow it
 */
public record Throughput(int concurrency, double ratePerSecond, int burst, int maxAttempts, Lookup lookup, Bulk bulk) {

    static final String PREFIX = "throughput.";

    public enum Lookup {
        /** one {@code filter} request per address */
        FILTER,
        /** page the whole directory once into the job database and match locally */
        DIRECTORY,
        /** whichever needs fewer requests */
        AUTO
    }

    public enum Bulk {
        AUTO, OFF
    }

    public Throughput {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("concurrency must be within 1..256, was " + concurrency);
        }
        if (ratePerSecond < 0 || burst < 0) {
            throw new IllegalArgumentException("rate and burst must be >= 0");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be >= 1, was " + maxAttempts);
        }
    }

    /** One request at a time, unpaced, three attempts: what a run gets when nothing else is said. */
    public static Throughput sequential() {
        return new Throughput(1, 0, 0, 3, Lookup.FILTER, Bulk.OFF);
    }

    public void addTo(JobParametersBuilder builder) {
        builder.addLong(PREFIX + "concurrency", (long) concurrency, false)
                .addDouble(PREFIX + "rate", ratePerSecond, false)
                .addLong(PREFIX + "burst", (long) burst, false)
                .addLong(PREFIX + "max-attempts", (long) maxAttempts, false)
                .addString(PREFIX + "lookup", lookup.name().toLowerCase(Locale.ROOT), false)
                .addString(PREFIX + "bulk", bulk.name().toLowerCase(Locale.ROOT), false);
    }

    /** The settings a run was started with; {@link #sequential()} for a run stored before they existed. */
    public static Throughput from(JobParameters parameters) {
        Long concurrency = parameters.getLong(PREFIX + "concurrency");
        if (concurrency == null) {
            return sequential();
        }
        return new Throughput(concurrency.intValue(), parameters.getDouble(PREFIX + "rate"),
                parameters.getLong(PREFIX + "burst").intValue(), parameters.getLong(PREFIX + "max-attempts").intValue(),
                Lookup.valueOf(parameters.getString(PREFIX + "lookup").toUpperCase(Locale.ROOT)),
                Bulk.valueOf(parameters.getString(PREFIX + "bulk").toUpperCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return "concurrency " + concurrency + ", " + (ratePerSecond > 0 ? ratePerSecond + " requests/s (burst " + burst + ")" : "unpaced")
                + ", " + maxAttempts + " attempts, lookup " + lookup.name().toLowerCase(Locale.ROOT)
                + ", bulk " + bulk.name().toLowerCase(Locale.ROOT);
    }
}
