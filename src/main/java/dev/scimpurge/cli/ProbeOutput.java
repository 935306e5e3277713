package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.scimpurge.audit.output.TerminalText;
import dev.scimpurge.job.lookup.LookupDecision;
import dev.scimpurge.job.purge.BulkProbe;
import dev.scimpurge.probe.FilterObservation;
import dev.scimpurge.probe.FilterVerdict;
import dev.scimpurge.probe.KnownAccount;
import dev.scimpurge.probe.PageObservation;
import dev.scimpurge.probe.PagingObservation;
import dev.scimpurge.probe.ProbeReport;
import dev.scimpurge.probe.RequestTally;
import dev.scimpurge.provider.Advertised;
import dev.scimpurge.scim.ScimBulkResponse;

/** A probe's findings as a table for people, or as one JSON document. Text from the server is made safe for a terminal. */
final class ProbeOutput {

    static final String READ_ONLY = "Read-only: GET requests only; nothing was changed.";
    static final String READ_ONLY_WITH_BULK = "Read-only but for one Bulk request (--probe-bulk) that removes a random id no "
            + "account can have; nothing else was sent but GET requests.";

    private final ProbeRun.ProbeFindings f;

    ProbeOutput(ProbeRun.ProbeFindings findings) {
        this.f = findings;
    }

    // ---------------------------------------------------------------- what each finding says, for both formats

    private String filterSupportedObserved() {
        ProbeReport report = f.report();
        if (!report.provenFilters().isEmpty()) {
            return "filters work: " + String.join(", ", report.provenFilters()) + " found a known account";
        }
        if (report.knownAccount() == null) {
            return "not tried: no account with an address to try them on";
        }
        boolean allRefused = report.filters().stream().allMatch(o -> o.verdict() == FilterVerdict.REJECTED);
        return allRefused ? "every filter was refused" : "no filter found a known account";
    }

    private String maxResultsObserved() {
        PageObservation page = f.report().firstPage();
        if (page == null) {
            return "not listed";
        }
        boolean capped = page.served() < page.asked() && page.served() < page.totalResults();
        return "served " + page.served() + " of " + page.asked() + " asked" + (capped ? " (at most " + page.served() + " a page)" : "");
    }

    private String bulkAdvertised() {
        if (!f.serviceProviderConfigRead()) {
            return "not read";
        }
        Boolean supported = f.advertised().bulkSupported();
        return supported == null ? "not said" : supported && f.bulk().usable()
                ? "true (maxOperations " + f.bulk().maxOperations() + ", maxPayloadSize " + f.bulk().maxPayloadSize() + ")"
                : supported.toString();
    }

    private String bulkObserved() {
        BulkProbe.Observation bulk = f.bulkAnswer();
        if (bulk == null) {
            return "not tried (--probe-bulk tries it)";
        }
        ScimBulkResponse.Operation operation = bulk.operation();
        if (bulk.works() && operation != null) {
            String answered = bulk.method() + " of an id that cannot exist answered " + operation.statusForm().written(operation.status());
            return operation.location() == null ? "half works: " + answered + identifiers(operation) : "works: " + answered;
        }
        if (operation != null) {
            return "answered, but not 404 for an id that cannot exist: status " + operation.statusForm().written(operation.status())
                    + identifiers(operation) + detail(bulk.detail());
        }
        return "does not work: " + (bulk.requestStatus() == null ? "no answer" : "the request answered HTTP " + bulk.requestStatus())
                + detail(bulk.detail());
    }

    /** The operation went without a bulkId, as a purge's do: only a missing location says something of the server. */
    private static String identifiers(ScimBulkResponse.Operation operation) {
        return operation.location() == null ? ", but with no location, which a purge ties each answer to its user by" : "";
    }

    private static String detail(@Nullable String detail) {
        return detail == null ? "" : " (" + detail + ")";
    }

    private @Nullable String totalResultsNote() {
        PagingObservation paging = f.paging();
        if (paging == null) {
            return null;
        }
        return switch (paging.verdict()) {
            case HONEST -> paging.lastIndexServed() == null ? "honest: the pages hold " + paging.totalResults() + " users, none after them"
                    : "honest: user " + paging.totalResults() + " served, none after it";
            case OVERSTATED -> "overstated: says " + paging.totalResults() + ", but nobody is served at position " + paging.totalResults();
            case UNDERSTATED -> "understated: says " + paging.totalResults() + ", but more users are served"
                    + (paging.pastTheEndServed() == null ? " on the first page" : " after position " + paging.totalResults());
            case IGNORES_START_INDEX -> "unknown: a later page repeats users of the first, so the server ignores startIndex "
                    + "(a listing stops on a page that repeats the previous one)";
            case UNCHECKED -> "unchecked" + detail(paging.detail());
        };
    }

    private @Nullable String emptyPageNote() {
        PagingObservation paging = f.paging();
        if (paging == null || paging.pastTheEndServed() == null || paging.pastTheEndServed() > 0) {
            return null;
        }
        return paging.pastTheEndResources() ? "a ListResponse with empty Resources (totalResults " + paging.pastTheEndTotal() + ")"
                : "{\"totalResults\": " + paging.pastTheEndTotal() + "} without Resources (read as the end of the list)";
    }

    /** How a purge would send removals: {@code per-user}, {@code bulk}, or {@code bulk-then-per-user} when --probe-bulk saw Bulk fail. */
    private String removalMode() {
        if (f.perUser() != null) {
            return "per-user";
        }
        BulkProbe.Observation bulk = f.bulkAnswer();
        ScimBulkResponse.Operation operation = bulk == null ? null : bulk.operation();
        return bulk != null && (!bulk.works() || operation == null || operation.location() == null) ? "bulk-then-per-user" : "bulk";
    }

    private String removals() {
        return switch (removalMode()) {
            case "per-user" -> "one request per user (" + f.perUser() + ")";
            case "bulk-then-per-user" -> "a first SCIM Bulk request, as ServiceProviderConfig allows; as answered here it cannot be "
                    + "trusted, so its rows would be settled one request per user, and so would every later removal of the run";
            default -> "SCIM Bulk requests, at most " + f.bulk().maxOperations() + " operations each (one request per user from the "
                    + "first Bulk answer that fails or cannot be tied to its users)";
        };
    }

    private String requests() {
        RequestTally.Counts c = f.requests();
        return c.sent() + " sent (" + join(c.byMethod()) + "); answers " + join(c.byStatus()) + "; 429s " + c.tooMany() + "; retries "
                + c.retries() + (c.paused().isZero() ? "" : "; paused " + millis(c.paused()) + " for Retry-After")
                + (c.unanswered() == 0 ? "" : "; unanswered " + c.unanswered());
    }

    private static String join(Map<?, Integer> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String bool(@Nullable Boolean value, boolean read) {
        return !read ? "not read" : value == null ? "not said" : value.toString();
    }

    // ---------------------------------------------------------------- table

    void table(PrintWriter out) {
        out.println("Probe of " + f.target() + " (provider " + f.provider() + ")");
        out.println(f.bulkAnswer() == null ? READ_ONLY : READ_ONLY_WITH_BULK);
        out.println();
        out.println("Authentication: " + f.credentials() + " " + f.authenticated() + " (" + millis(f.authentication()) + ")");
        out.println();
        String spc = "ServiceProviderConfig" + (f.serviceProviderConfigRead() ? " (" + millis(f.serviceProviderConfigLatency()) + ")"
                : " (not read by this provider profile)");
        Advertised advertised = f.advertised();
        rows(out, List.of(
                List.of(spc, "advertised", "observed"),
                List.of("  filter.supported", bool(advertised.filterSupported(), f.serviceProviderConfigRead()), filterSupportedObserved()),
                List.of("  filter.maxResults", advertised.filterMaxResults() == null ? bool(null, f.serviceProviderConfigRead())
                        : advertised.filterMaxResults().toString(), maxResultsObserved()),
                List.of("  bulk.supported", bulkAdvertised(), bulkObserved() + (f.bulkAnswer() == null ? ""
                        : " (" + millis(f.bulkAnswer().latency()) + ")"))));
        out.println();
        ProbeReport report = f.report();
        KnownAccount known = report.knownAccount();
        out.println("Lookup filters, " + (known == null ? "with no account to try them on"
                + (report.listingRefusal() == null ? "" : " (listing refused: " + safe(report.listingRefusal()) + ")")
                : "tried on account " + safe(known.id()) + " (" + safe(known.address()) + ") by its own address") + ":");
        List<List<String>> filterRows = new ArrayList<>();
        filterRows.add(List.of("  filter", "verdict", "case", "latency", "detail"));
        for (FilterObservation filter : report.filters()) {
            filterRows.add(List.of("  " + filter.attribute(), filter.verdict().label(), filter.caseHandling().label(), millis(filter.latency()),
                    filter.detail() == null ? "" : safe(filter.detail())));
        }
        rows(out, filterRows);
        out.println();
        PageObservation page = report.firstPage();
        out.println("Paging:");
        List<List<String>> paging = new ArrayList<>();
        if (page == null) {
            paging.add(List.of("  first page", "not listed"));
        } else {
            paging.add(List.of("  first page", "asked " + page.asked() + ", served " + page.served() + ", totalResults " + page.totalResults()
                    + " (" + millis(page.latency()) + ")"));
            paging.add(List.of("  page size", "a listing pages by " + page.pageSize()));
        }
        String total = totalResultsNote();
        PagingObservation checked = f.paging();
        if (total != null && checked != null) {
            paging.add(List.of("  totalResults", safe(total) + (checked.latency().isZero() ? "" : " (" + millis(checked.latency()) + ")")));
        }
        String empty = emptyPageNote();
        if (empty != null) {
            paging.add(List.of("  empty page", empty));
        }
        rows(out, paging);
        out.println();
        out.println("What a purge would decide (for " + f.addresses() + " addresses, " + f.throughput().concurrency() + " at a time, --lookup "
                + f.throughput().lookup().name().toLowerCase(java.util.Locale.ROOT) + "):");
        LookupDecision lookup = f.lookup();
        rows(out, List.of(
                List.of("  lookup", lookup == null ? "none: it would stop before resolving, exit 64" : lookup.mode().key()
                        + (lookup.filters().isEmpty() ? "" : " by " + String.join(", ", lookup.filters()))),
                List.of("  why", safe(lookup == null ? String.valueOf(f.lookupRefusal()) : lookup.reason())),
                List.of("  removals", safe(removals()))));
        out.println();
        out.println("Requests: " + requests());
        out.flush();
    }

    private static String safe(String text) {
        String printable = TerminalText.printable(text);
        return printable == null ? "" : printable;
    }

    /** Rows in columns as wide as their widest cell; the last column is not padded. */
    private static void rows(PrintWriter out, List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size() - 1; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    // ---------------------------------------------------------------- JSON

    void json(JsonMapper mapper, PrintWriter out) {
        ObjectNode root = mapper.createObjectNode();
        root.put("target", f.target()).put("provider", f.provider());
        root.put("readOnly", f.bulkAnswer() == null ? READ_ONLY : READ_ONLY_WITH_BULK);
        root.putObject("authentication").put("accepted", f.authenticated().equals("accepted")).put("says", f.authenticated())
                .put("credentials", f.credentials()).put("latencyMillis", f.authentication().toMillis());

        ObjectNode spc = root.putObject("serviceProviderConfig");
        spc.put("read", f.serviceProviderConfigRead());
        if (f.serviceProviderConfigRead()) {
            spc.put("latencyMillis", f.serviceProviderConfigLatency().toMillis());
        }
        Advertised advertised = f.advertised();
        ObjectNode filterSupported = spc.putObject("filterSupported");
        putNullable(filterSupported, "advertised", advertised.filterSupported());
        filterSupported.put("observed", !f.report().provenFilters().isEmpty()).put("says", filterSupportedObserved());
        ObjectNode maxResults = spc.putObject("filterMaxResults");
        if (advertised.filterMaxResults() == null) {
            maxResults.putNull("advertised");
        } else {
            maxResults.put("advertised", advertised.filterMaxResults());
        }
        maxResults.put("says", maxResultsObserved());
        ObjectNode bulk = spc.putObject("bulkSupported");
        putNullable(bulk, "advertised", advertised.bulkSupported());
        if (f.bulk().usable()) {
            bulk.put("maxOperations", f.bulk().maxOperations()).put("maxPayloadSize", f.bulk().maxPayloadSize());
        }
        bulk.put("says", bulkObserved());

        ProbeReport report = f.report();
        KnownAccount known = report.knownAccount();
        if (known == null) {
            root.putNull("knownAccount");
        } else {
            root.putObject("knownAccount").put("id", known.id()).put("address", known.address());
        }
        if (report.listingRefusal() != null) {
            root.put("listingRefusal", report.listingRefusal());
        }
        ArrayNode filters = root.putArray("filters");
        for (FilterObservation filter : report.filters()) {
            ObjectNode node = filters.addObject().put("attribute", filter.attribute()).put("verdict", filter.verdict().name())
                    .put("caseHandling", filter.caseHandling().name()).put("latencyMillis", filter.latency().toMillis());
            if (filter.detail() != null) {
                node.put("detail", filter.detail());
            }
        }
        PageObservation page = report.firstPage();
        ObjectNode paging = root.putObject("paging");
        if (page != null) {
            paging.put("asked", page.asked()).put("served", page.served()).put("totalResults", page.totalResults())
                    .put("pageSize", page.pageSize()).put("latencyMillis", page.latency().toMillis());
        }
        PagingObservation checked = f.paging();
        if (checked != null) {
            ObjectNode total = paging.putObject("totalResultsCheck").put("verdict", checked.verdict().name())
                    .put("latencyMillis", checked.latency().toMillis());
            putNullable(total, "servedAtTotalResults", checked.lastIndexServed());
            putNullable(total, "servedPastTheEnd", checked.pastTheEndServed());
            putNullable(total, "totalResultsPastTheEnd", checked.pastTheEndTotal());
            total.put("resourcesPastTheEnd", checked.pastTheEndResources());
            putNullable(total, "says", totalResultsNote());
            if (checked.detail() != null) {
                total.put("detail", checked.detail());
            }
        }
        BulkProbe.Observation answer = f.bulkAnswer();
        if (answer != null) {
            ObjectNode node = root.putObject("bulkProbe").put("method", answer.method()).put("id", answer.id()).put("answered404", answer.works())
                    .put("operations", answer.operations()).put("latencyMillis", answer.latency().toMillis());
            putNullable(node, "requestStatus", answer.requestStatus());
            ScimBulkResponse.Operation operation = answer.operation();
            if (operation != null) {
                putNullable(node, "operationStatus", operation.status());
                node.put("statusForm", operation.statusForm().name()).put("bulkIdAnswered", operation.bulkId() != null)
                        .put("locationAnswered", operation.location() != null);
            }
            putNullable(node, "detail", answer.detail());
        }
        ObjectNode purge = root.putObject("purgeWouldDecide").put("addresses", f.addresses())
                .put("concurrency", f.throughput().concurrency()).put("lookupOption", f.throughput().lookup().name());
        LookupDecision lookup = f.lookup();
        if (lookup == null) {
            purge.putNull("lookup");
            purge.put("stops", true).put("reason", f.lookupRefusal());
        } else {
            purge.put("lookup", lookup.mode().key()).put("stops", false).put("reason", lookup.reason()).put("warning", lookup.warning());
            ArrayNode used = purge.putArray("filters");
            lookup.filters().forEach(used::add);
        }
        purge.put("removals", removalMode()).put("removalsReason", removals());
        RequestTally.Counts counts = f.requests();
        ObjectNode requests = root.putObject("requests").put("sent", counts.sent()).put("tooManyRequests", counts.tooMany())
                .put("retries", counts.retries()).put("unanswered", counts.unanswered()).put("retryAfterMillis", counts.paused().toMillis());
        ObjectNode byMethod = requests.putObject("byMethod");
        counts.byMethod().forEach(byMethod::put);
        ObjectNode byStatus = requests.putObject("byStatus");
        counts.byStatus().forEach((status, count) -> byStatus.put(String.valueOf(status), count));
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        out.flush();
    }

    private static void putNullable(ObjectNode node, String name, @Nullable Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof Integer i) {
            node.put(name, i);
        } else {
            node.put(name, value.toString());
        }
    }
}
