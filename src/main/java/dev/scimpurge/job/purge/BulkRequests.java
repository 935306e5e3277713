package dev.scimpurge.job.purge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * BulkRequest bodies (RFC 7644 §3.7) within the server's {@code maxOperations} and {@code maxPayloadSize}, the size
 * measured on the JSON exactly as it is sent.
 */
final class BulkRequests {

    static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    private final JsonMapper mapper;
    private final int maxOperations;
    private final int maxPayloadSize;
    private final int envelopeBytes;

    BulkRequests(JsonMapper mapper, int maxOperations, int maxPayloadSize) {
        this.mapper = mapper;
        this.maxOperations = maxOperations;
        this.maxPayloadSize = maxPayloadSize;
        this.envelopeBytes = mapper.writeValueAsBytes(request(List.of())).length;
    }

    /**
     * An operation without {@code bulkId}: RFC 7644 §3.7.1 requires one for POST only, servers exist that fail a whole
     * request over a DELETE that carries one, and the answer's {@code location} names the user anyway.
     *
     * @param data the operation's body, or null for none (DELETE)
     */
    ObjectNode operation(String method, String path, @Nullable JsonNode data) {
        ObjectNode operation = mapper.createObjectNode().put("method", method).put("path", path);
        if (data != null) {
            operation.set("data", data);
        }
        return operation;
    }

    int bytes(ObjectNode operation) {
        return mapper.writeValueAsBytes(operation).length;
    }

    /** Whether a request carrying only an operation of this size stays within maxPayloadSize. */
    boolean fitsAlone(int operationBytes) {
        return envelopeBytes + operationBytes <= maxPayloadSize;
    }

    /**
     * {@code items} in order, in groups of at most {@code perRequest} (and maxOperations) whose request stays within
     * maxPayloadSize; an item too large for any request gets a group of its own.
     */
    <T> List<List<T>> pack(List<T> items, int perRequest, Function<T, Integer> operationBytes) {
        int limit = Math.max(1, Math.min(perRequest, maxOperations));
        List<List<T>> groups = new ArrayList<>();
        List<T> group = new ArrayList<>();
        int groupBytes = envelopeBytes;
        for (T item : items) {
            // Operations after the first are preceded by a comma.
            int added = operationBytes.apply(item) + (group.isEmpty() ? 0 : 1);
            if (!group.isEmpty() && (group.size() >= limit || groupBytes + added > maxPayloadSize)) {
                groups.add(group);
                group = new ArrayList<>();
                groupBytes = envelopeBytes;
                added = operationBytes.apply(item);
            }
            group.add(item);
            groupBytes += added;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    String body(List<ObjectNode> operations) {
        return mapper.writeValueAsString(request(operations));
    }

    private ObjectNode request(List<ObjectNode> operations) {
        ObjectNode request = mapper.createObjectNode();
        request.putArray("schemas").add(BULK_REQUEST);
        ArrayNode array = request.putArray("Operations");
        operations.forEach(array::add);
        return request;
    }
}
