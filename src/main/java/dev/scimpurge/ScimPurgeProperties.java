package dev.scimpurge;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The tunables of a purge, bound from {@code scim-purge.*} in application.yml. */
@ConfigurationProperties("scim-purge")
public record ScimPurgeProperties(@DefaultValue Http http, @DefaultValue Job job, @DefaultValue Input input) {

    /**
     * @param connectTimeout  how long to wait for a TCP/TLS connection
     * @param readTimeout     how long to wait for each response (and between bytes of it)
     * @param maxResponseBytes larger response bodies are refused, not read
     * @param maxRetriesAfter  how often one request is sent again after 429/503 with Retry-After
     * @param longestRetryAfter the longest pause honoured from one Retry-After header
     * @param firstBackoff     the longest pause before the first retry of a 5xx or unanswered request (doubles per attempt, randomised)
     * @param longestBackoff   the longest pause before any retry
     * @param outageAfter      this many requests in a row without any answer mean the server is down: the job stops, restartably
     * @param learnRateFrom429 with no --rate (and none in the profile), pace requests at a rate learned from the server's 429 answers
     * @param caCert           a PEM file of a private CA to trust besides the JVM's defaults
     * @param insecureSkipTlsVerify trust any certificate (warned about on every run)
     * @param proxy            an HTTP proxy URL, e.g. http://proxy.internal:3128
     */
    public record Http(@DefaultValue("10s") Duration connectTimeout, @DefaultValue("60s") Duration readTimeout,
            @DefaultValue("16777216") int maxResponseBytes, @DefaultValue("10") int maxRetriesAfter,
            @DefaultValue("5m") Duration longestRetryAfter, @DefaultValue("200ms") Duration firstBackoff,
            @DefaultValue("10s") Duration longestBackoff, @DefaultValue("3") int outageAfter,
            @DefaultValue("true") boolean learnRateFrom429, Path caCert, @DefaultValue("false") boolean insecureSkipTlsVerify, URI proxy) {
    }

    /**
     * @param chunkSize      rows per transaction in the remove step: the most a crash can make a restart redo. Unset: derived
     *                       from the concurrency and the rate ({@link dev.scimpurge.throughput.RemovalChunkSize})
     * @param resolveChunkSize rows per transaction in the resolve step (lookups only: a restart repeats at most these lookups)
     * @param listPageSize   the most users asked for on a list page (deactivated users, the directory copy, the probe); the
     *                       server's ServiceProviderConfig filter.maxResults lowers it
     * @param maxListPages   a listing stops after this many pages whatever the server says
     * @param lease          the lease under which a run holds its target's lock, which tells from any host whether it still runs
     * @param shutdownGrace  on SIGTERM, how long a run may take to finish the chunks under way and stop before the process exits anyway
     * @param keepResources  which users' SCIM resources a run keeps before their removal, for {@code restore}
     */
    public record Job(Integer chunkSize, @DefaultValue("200") int resolveChunkSize, @DefaultValue("1000") int listPageSize,
            @DefaultValue("100000") int maxListPages, @DefaultValue Lease lease, @DefaultValue("25s") Duration shutdownGrace,
            @DefaultValue("needed") KeepResources keepResources) {
    }

    /** Which users' SCIM resources a run keeps in the job database before their removal (see docs/restoring.md). */
    public enum KeepResources {
        /** Every removed user's: what the run read anyway (the lookup's answer, the re-read), else one read before its removal. */
        ALL,
        /**
         * What the run reads anyway, with no request added, except where a restore cannot work without it (it gives back
         * what the removal took: Anaplan's workspace entitlements), where nothing kept is read once before its removal.
         */
        NEEDED,
        /** None: no user data kept; a restore can then undo only what needs nothing kept (a deactivation). */
        NONE
    }

    /**
     * @param renewEvery   how often a run renews the lease on its target's lock in the job database
     * @param expiresAfter a lease not renewed for this long has expired: its run counts as gone, from any host (on the
     *                     same host the process table decides at once)
     */
    public record Lease(@DefaultValue("10s") Duration renewEvery, @DefaultValue("30s") Duration expiresAfter) {
        public Lease {
            if (renewEvery.isNegative() || renewEvery.isZero() || renewEvery.compareTo(expiresAfter) >= 0) {
                throw new IllegalArgumentException("scim-purge.job.lease: renew-every (" + renewEvery
                        + ") must be positive and shorter than expires-after (" + expiresAfter + ")");
            }
        }
    }

    /** @param maxLineChars a CSV record longer than this is recorded as a failure and skipped, not read into memory */
    public record Input(@DefaultValue("4096") int maxLineChars) {
    }
}
