package dev.scimpurge.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Every request the sandbox received, in arrival order, including rejected ones. Thread-safe. */
public final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<RecordedBulk> bulkRequests = new ArrayList<>();

    synchronized void record(RecordedRequest request) {
        requests.add(request);
    }

    synchronized void recordBulk(RecordedBulk bulk) {
        bulkRequests.add(bulk);
    }

    /**
     * Every {@code POST {base}/Bulk} that reached a base serving Bulk, in arrival order, with its operations; each is
     * also one {@code POST} in {@link #lines()}.
     */
    public synchronized List<RecordedBulk> bulkRequests() {
        return List.copyOf(bulkRequests);
    }

    /** How many requests used {@code method}, ignoring case, e.g. {@code count("DELETE")}. */
    public synchronized int count(String method) {
        return (int) requests.stream().filter(request -> request.method().equalsIgnoreCase(method)).count();
    }

    public synchronized int total() {
        return requests.size();
    }

    /**
     * {@code "DELETE /scim/v2/Users/abc"} per request, in arrival order; path and query are raw (not decoded) and
     * the query, if any, follows a '?'. See {@link RecordedRequest#line()}.
     */
    public synchronized List<String> lines() {
        return requests.stream().map(RecordedRequest::line).toList();
    }

    /** The requests with path and query apart, in arrival order. */
    public synchronized List<RecordedRequest> entries() {
        return List.copyOf(requests);
    }

    public synchronized void reset() {
        requests.clear();
        bulkRequests.clear();
    }
}
