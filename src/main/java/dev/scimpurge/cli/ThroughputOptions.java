package dev.scimpurge.cli;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

import dev.scimpurge.job.lookup.DirectoryCopyTasklet;
import dev.scimpurge.provider.ProviderProfile;
import dev.scimpurge.throughput.Throughput;

/** How fast a purge may go; the defaults come from the provider profile. See README, Performance. */
public class ThroughputOptions {

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Requests in flight at once: a chunk's lookups and removals, and the directory's pages, go in parallel over N connections; "
                    + "the remove step takes 8 rows per connection per chunk (default: the provider's, e.g. generic 8, slack 4).")
    @Nullable Integer concurrency;

    @Option(names = "--rate", paramLabel = "R",
            description = "At most R requests per second, all workers together (default: the provider's documented limit, "
                    + "e.g. slack 3; otherwise unpaced until the service answers 429, then just under the rate its 429s show).")
    @Nullable Double rate;

    @Option(names = "--burst", paramLabel = "B",
            description = "Requests that may go at once before --rate applies (default: the provider's, or 1).")
    @Nullable Integer burst;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
            description = "Sends a request that got a 5xx or no answer up to N times in all, with exponential backoff "
                    + "and jitter, before the row is recorded as failed (default: ${DEFAULT-VALUE}). A server that does not "
                    + "answer at all stops the run instead; run the same command again to continue.")
    int maxAttempts = 3;

    @Option(names = "--lookup", paramLabel = "MODE", defaultValue = "auto",
            description = "How addresses are resolved: filter (one request per address, with the profile's filters that found a known "
                    + "account), directory (page every user once into the job database, --concurrency pages at a time, and match "
                    + "locally), or auto (default: the filters that found a known account, or the directory when none did or they "
                    + "compare case exactly; between the two, the shorter estimated time).")
    String lookup = "auto";

    @Option(names = "--bulk", paramLabel = "MODE", defaultValue = "auto",
            description = "auto: when the server's ServiceProviderConfig supports SCIM Bulk and the removal is one plain "
                    + "request (DELETE or PATCH of /Users/{id}), send each chunk's removals as Bulk requests within its "
                    + "maxOperations and maxPayloadSize; off: one request per user (default: ${DEFAULT-VALUE}).")
    String bulk = "auto";

    Throughput resolve(ProviderProfile profile) {
        try {
            ProviderProfile.Pacing pacing = profile.pacing();
            double chosenRate = rate != null ? rate : pacing.requestsPerSecond();
            int chosenBurst = burst != null ? burst : rate != null ? 1 : Math.max(1, pacing.burst());
            Throughput chosen = new Throughput(concurrency != null ? concurrency : profile.concurrency(), chosenRate, chosenBurst,
                    maxAttempts, Throughput.Lookup.valueOf(lookup.toUpperCase(Locale.ROOT)), Throughput.Bulk.valueOf(bulk.toUpperCase(Locale.ROOT)));
            requireDirectoryCanAnswer(chosen, profile);
            return chosen;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--concurrency/--rate/--burst/--max-attempts/--lookup/--bulk: " + e.getMessage());
        }
    }

    /** Refuses {@code --lookup directory} before the run where the copy cannot serve the profile's lookup. */
    private static void requireDirectoryCanAnswer(Throughput chosen, ProviderProfile profile) {
        if (chosen.lookup() == Throughput.Lookup.DIRECTORY) {
            DirectoryCopyTasklet.whyNoCopy(profile.paging(), profile.lookup().filters()).ifPresent(why -> {
                throw new UsageException("--lookup directory (provider " + profile.name() + "): " + why
                        + "; use --lookup filter or --lookup auto");
            });
        }
    }
}
