package dev.scimpurge.job.lookup;

import java.time.Duration;
import java.util.List;

import dev.scimpurge.probe.CaseHandling;
import dev.scimpurge.probe.FilterObservation;
import dev.scimpurge.probe.FilterVerdict;
import dev.scimpurge.probe.KnownAccount;
import dev.scimpurge.probe.PageObservation;
import dev.scimpurge.probe.ProbeReport;
import dev.scimpurge.throughput.Throughput;

/**
 * Chooses the lookup from what the probe saw the server do. A filter is used only when it found the known account
 * by its own address; with {@code auto}, a server whose filters all miss it, or compare case exactly, is resolved
 * against a copy of the directory instead, and otherwise the strategy with the shorter estimated wall time wins: one
 * filter request per address, or the directory's pages, each at its measured latency, at the run's concurrency
 * and rate; the copy only when it is clearly (a quarter) faster, since each latency is measured once. When both would
 * take under a second, the one with fewer requests wins.
 */
public final class LookupChoice {

    /** Estimates below this are within the noise of single samples, and no one waits for the difference. */
    private static final Duration NOT_WORTH_MEASURING = Duration.ofSeconds(1);

    private final Throughput throughput;
    private final boolean directoryPossible;

    /**
     * @param directoryPossible whether the directory copy can serve the profile: it keeps the lookup attributes, and
     *                          the listing can be read at offsets
     */
    public LookupChoice(Throughput throughput, boolean directoryPossible) {
        this.throughput = throughput;
        this.directoryPossible = directoryPossible;
    }

    /** Whether the choice depends on the filters: not when {@code --lookup directory} was asked for. */
    public boolean triesFilters() {
        return throughput.lookup() != Throughput.Lookup.DIRECTORY;
    }

    public LookupDecision decide(ProbeReport probe, List<String> profileFilters, long toResolve) {
        List<String> proven = probe.provenFilters();
        return switch (throughput.lookup()) {
            case DIRECTORY -> directory("--lookup directory", false);
            case FILTER -> explicitFilter(probe, profileFilters, proven);
            case AUTO -> automatic(probe, profileFilters, proven, toResolve);
        };
    }

    private LookupDecision explicitFilter(ProbeReport probe, List<String> profileFilters, List<String> proven) {
        KnownAccount known = probe.knownAccount();
        if (known == null) {
            return unproven(probe, profileFilters, "--lookup filter");
        }
        if (proven.isEmpty() && !unanswered(probe).isEmpty()) {
            List<String> usable = profileFilters.stream().filter(f -> probe.brokenFilters().stream().noneMatch(b -> b.attribute().equals(f)))
                    .toList();
            return new LookupDecision(LookupMode.FILTER, usable, "--lookup filter: no filter could be tried on account " + known.id()
                    + " (" + probe.describeFilters() + "); the lookups say for each address what the server answered", true);
        }
        if (proven.isEmpty()) {
            throw new LookupUntrustedException("--lookup filter cannot be trusted on this server: looked up by its own address, "
                    + "account " + known.id() + " (" + known.address() + "), which the directory lists, was not found ("
                    + probe.describeFilters() + "), so every address would come out 'not found'. Nothing was removed. "
                    + "Run it with --lookup auto or --lookup directory to resolve against a copy of the directory.");
        }
        return new LookupDecision(LookupMode.FILTER, proven, "--lookup filter, with the filters that found account " + known.id()
                + brokenNote(probe), !probe.brokenFilters().isEmpty());
    }

    private LookupDecision automatic(ProbeReport probe, List<String> profileFilters, List<String> proven, long toResolve) {
        KnownAccount known = probe.knownAccount();
        PageObservation page = probe.firstPage();
        if (known == null || page == null) {
            return directoryPossible && page != null && page.totalResults() == 0 && page.served() == 0
                    ? directory("the directory lists no users", false)
                    : unproven(probe, profileFilters, "auto");
        }
        if (proven.isEmpty()) {
            if (!directoryPossible) {
                throw new LookupUntrustedException("No lookup filter found account " + known.id() + " (" + known.address()
                        + "), which the directory lists (" + probe.describeFilters() + "), and this provider's lookup cannot "
                        + "use a copy of the directory. Nothing was removed. Check the provider profile's lookup filters.");
            }
            return directory("no lookup filter found account " + known.id() + " (" + known.address() + ") by its own address ("
                    + probe.describeFilters() + ")", true);
        }
        if (directoryPossible && proven.stream().map(probe::filter).flatMap(java.util.Optional::stream)
                .anyMatch(f -> f.caseHandling() == CaseHandling.SENSITIVE)) {
            return directory("the server compares addresses in filters case-sensitively (" + probe.describeFilters()
                    + "), so an address in another case would come out 'not found'", true);
        }
        if (!directoryPossible) {
            return new LookupDecision(LookupMode.FILTER, proven, "filters that found account " + known.id()
                    + " (this provider's lookup cannot use a copy of the directory)" + brokenNote(probe), !probe.brokenFilters().isEmpty());
        }
        Duration byFilter = filterEstimate(probe.filter(proven.get(0)).orElseThrow(), toResolve);
        Duration byDirectory = directoryEstimate(page);
        String estimate = "estimated " + seconds(byFilter) + " for " + counted(toResolve, "filter lookup") + " at " + millis(
                probe.filter(proven.get(0)).orElseThrow().latency()) + " each, " + seconds(byDirectory) + " for "
                + counted(pages(page), "directory page") + " of " + page.pageSize() + " at " + millis(page.latency()) + " each, "
                + throughput.concurrency() + " at a time" + (throughput.ratePerSecond() > 0 ? ", " + throughput.ratePerSecond() + "/s" : "");
        boolean copy;
        if (byFilter.compareTo(NOT_WORTH_MEASURING) < 0 && byDirectory.compareTo(NOT_WORTH_MEASURING) < 0) {
            // both take less than a second: the fewer requests spare the service's rate limits
            copy = pages(page) < toResolve;
            estimate += "; both under " + seconds(NOT_WORTH_MEASURING) + ", so the fewer requests";
        } else {
            // one sample of each latency is noisy: the copy must be clearly faster to be worth its pages and its writes
            copy = byDirectory.compareTo(byFilter.multipliedBy(3).dividedBy(4)) < 0;
        }
        return copy
                ? directory(estimate + brokenNote(probe), !probe.brokenFilters().isEmpty())
                : new LookupDecision(LookupMode.FILTER, proven, estimate + brokenNote(probe), !probe.brokenFilters().isEmpty());
    }

    private LookupDecision directory(String reason, boolean warning) {
        if (!directoryPossible) {
            throw new LookupUntrustedException("The directory copy cannot serve this provider (its lookup attributes are not kept "
                    + "in the copy, or its listing pages by cursor and cannot be copied at offsets). Nothing was removed. "
                    + "Run it with --lookup filter.");
        }
        return new LookupDecision(LookupMode.DIRECTORY, List.of(), reason, warning);
    }

    private static LookupDecision unproven(ProbeReport probe, List<String> profileFilters, String requested) {
        String why = probe.listingRefusal() != null ? "the server refused to list its users (" + probe.listingRefusal() + ")"
                : "the directory's first page lists no account with an address";
        return new LookupDecision(LookupMode.FILTER, profileFilters, requested + ": no account to prove the lookup filters on ("
                + why + "); 'not found' rests on the server's word", true);
    }

    /** Filters the probe learned nothing about: refused or failed, where each lookup will say what the server answered. */
    private static List<String> unanswered(ProbeReport probe) {
        return probe.filters().stream().filter(f -> f.verdict() == FilterVerdict.REJECTED || f.verdict() == FilterVerdict.FAILED)
                .map(FilterObservation::attribute).toList();
    }

    private static String brokenNote(ProbeReport probe) {
        List<FilterObservation> broken = probe.brokenFilters();
        return broken.isEmpty() ? "" : "; not using " + String.join(", ", broken.stream().map(FilterObservation::attribute).toList())
                + ", which did not find it";
    }

    private Duration filterEstimate(FilterObservation filter, long lookups) {
        return wallTime(lookups, filter.latency());
    }

    private Duration directoryEstimate(PageObservation page) {
        return wallTime(pages(page), page.latency());
    }

    /** {@code requests} of {@code latency} each, {@code --concurrency} at a time, no faster than {@code --rate}. */
    private Duration wallTime(long requests, Duration latency) {
        long rounds = (requests + throughput.concurrency() - 1) / throughput.concurrency();
        Duration byLatency = latency.multipliedBy(rounds);
        if (throughput.ratePerSecond() <= 0) {
            return byLatency;
        }
        Duration byRate = Duration.ofNanos((long) (requests / throughput.ratePerSecond() * 1e9));
        return byRate.compareTo(byLatency) > 0 ? byRate : byLatency;
    }

    private static String counted(long count, String thing) {
        return count + " " + thing + (count == 1 ? "" : "s");
    }

    private static long pages(PageObservation page) {
        int size = page.pageSize();
        return Math.max(1, (page.totalResults() + size - 1) / size);
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
