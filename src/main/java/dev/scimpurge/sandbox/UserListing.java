package dev.scimpurge.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.node.ObjectNode;

/** {@code GET /Users}: filtering and paging (RFC 7644 §3.4.2), bent by the list-related faults. */
final class UserListing {

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 1000;

    private final SandboxDirectory directory;
    private final SandboxFaults faults;
    private final ScimJson json;
    private final FilterPolicy filterPolicy;
    private final int maxCount;
    private final ListingPaging paging;

    /** @param maxCount the most users a page holds on this base */
    UserListing(SandboxDirectory directory, SandboxFaults faults, ScimJson json, FilterPolicy filterPolicy, int maxCount,
            ListingPaging paging) {
        this.directory = directory;
        this.faults = faults;
        this.json = json;
        this.filterPolicy = filterPolicy;
        this.maxCount = maxCount;
        this.paging = paging;
    }

    /** @param parameters decoded query parameters with lower-case names */
    ObjectNode list(Map<String, String> parameters) {
        Optional<String> filter = Optional.ofNullable(parameters.get("filter"));
        spend(faults.listRequestCost(directory.size(), filter.isPresent()));
        int count = faults.pageSize(Math.max(0, integer(parameters, "count", DEFAULT_COUNT)), maxCount);
        List<SandboxUser> matching = matching(filter);
        if (paging == ListingPaging.CURSOR) {
            return byCursor(parameters, matching, count);
        }
        int startIndex = Math.max(1, integer(parameters, "startIndex", 1));
        int effectiveStart = faults.firstPageRepeated() ? 1 : startIndex;
        int totalResults = faults.totalResultsLie().orElse(matching.size());
        List<SandboxUser> page = count == 0 ? List.of() : page(matching, effectiveStart, count);
        EmptyPageForm emptyPageForm = faults.emptyPageForm();
        if (page.isEmpty() && emptyPageForm != EmptyPageForm.LIST_RESPONSE) {
            return json.bareTotalResults(emptyPageForm.totalResults(totalResults));
        }
        return json.listResponse(totalResults, effectiveStart, count == 0 ? null : page);
    }

    /**
     * AWS IAM Identity Center's paging: {@code startIndex} is ignored; without {@code cursor} the first page only, with
     * totalResults; with it, the page at the cursor and a {@code nextCursor} while users follow.
     */
    private ObjectNode byCursor(Map<String, String> parameters, List<SandboxUser> matching, int count) {
        String cursor = parameters.get("cursor");
        if (cursor == null) {
            return json.listResponse(matching.size(), 1, page(matching, 1, count));
        }
        int offset = cursor.isEmpty() ? 0 : offsetOf(cursor);
        List<SandboxUser> page = page(matching, offset + 1, count);
        int next = offset + page.size();
        return json.cursorPage(page, next < matching.size() && !page.isEmpty() ? cursorAt(next) : null);
    }

    private static String cursorAt(int offset) {
        return Base64.getEncoder().encodeToString(("sandbox-offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offsetOf(String cursor) {
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("sandbox-offset:")) {
                return Integer.parseInt(decoded.substring("sandbox-offset:".length()));
            }
        } catch (IllegalArgumentException e) {
            // not one of this server's cursors: answered below
        }
        throw ScimException.invalidValue("ValidationException: the cursor '" + cursor + "' is not valid");
    }

    /** Takes the time a list request costs this server ({@link SandboxFaults#listCost}), whatever it then answers. */
    private static void spend(Duration cost) {
        if (cost.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(cost.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ScimException.of(503, "The sandbox is shutting down");
        }
    }

    private List<SandboxUser> matching(Optional<String> filter) {
        List<SandboxUser> users = directory.all();
        if (filter.isEmpty()) {
            return users;
        }
        faults.filterRefusal().throwIfRefusing();
        if (faults.filtersIgnored()) {
            return users;
        }
        FilterExpression expression = FilterParser.parse(filter.get(), faults.filterDialect());
        expression.attributesAsWritten().filter(faults::filterAttributeRejected).findFirst().ifPresent(attribute -> {
            throw ScimException.invalidFilter("Filtering on '" + attribute + "' is not supported (sandbox fault)");
        });
        filterPolicy.check(expression);
        return users.stream().filter(expression::matches).toList();
    }

    private static List<SandboxUser> page(List<SandboxUser> users, int startIndex, int count) {
        int from = Math.min(startIndex - 1, users.size());
        int to = (int) Math.min((long) from + count, users.size());
        return users.subList(from, to);
    }

    private static int integer(Map<String, String> parameters, String name, int fallback) {
        String value = parameters.get(name.toLowerCase(Locale.ROOT));
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("Query parameter " + name + " must be an integer, was '" + value + "'");
        }
    }
}
