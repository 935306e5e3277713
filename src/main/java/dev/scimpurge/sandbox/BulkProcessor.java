package dev.scimpurge.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST {base}/Bulk} (RFC 7644 §3.7): a BulkRequest's operations, each a {@code DELETE} or {@code PATCH} of
 * {@code /Users/{id}}, carried out in order through the same code as the plain request, so the per-user faults
 * ({@link SandboxFaults#failUser}) answer in that operation's status. What applies to the HTTP request as a whole:
 * authentication, forced status, the rate limit (one bulk request takes one token), route faults and latency, which
 * are all applied before the operations are looked at. A body over {@code maxPayloadSize} or with more than
 * {@code maxOperations} operations answers 413; after {@code failOnErrors} failed operations the rest are left
 * undone and out of the response. The Bulk knobs of {@link SandboxFaults} can fail the request as a whole
 * ({@link WholeBulkFailure}) and change how the response's operations are written ({@link BulkResultForm}).
 */
final class BulkProcessor {

    /** One operation on one user: what the plain request to {@code /Users/{id}} would do. */
    interface UserWrite {
        ScimResponse apply(String method, String id, Optional<JsonNode> data);
    }

    private final BulkSupport limits;
    private final ScimMount mount;
    private final ScimJson json;
    private final ErrorFormat errors;
    private final SandboxDirectory directory;
    private final SandboxFaults faults;
    private final RequestLog log;

    BulkProcessor(BulkSupport limits, ScimMount mount, ScimJson json, ErrorFormat errors, SandboxDirectory directory,
            SandboxFaults faults, RequestLog log) {
        this.limits = limits;
        this.mount = mount;
        this.json = json;
        this.errors = errors;
        this.directory = directory;
        this.faults = faults;
        this.log = log;
    }

    ScimResponse respond(ScimRequest request, UserWrite write) {
        byte[] body = request.body();
        if (body.length > limits.maxPayloadSize()) {
            log.recordBulk(new RecordedBulk(body.length, List.of(), 413));
            throw new ScimException(413, null, "The size of the bulk operation (" + body.length
                    + " bytes) exceeds the maxPayloadSize (" + limits.maxPayloadSize() + ")", Map.of());
        }
        JsonNode root = json.read(body);
        JsonNode operations = operations(root);
        List<String> lines = new ArrayList<>();
        operations.forEach(operation -> lines.add(text(operation, "method", "?") + " " + text(operation, "path", "?")));
        int maxOperations = faults.bulkMaxOperations(limits.maxOperations());
        if (operations.size() > maxOperations) {
            log.recordBulk(new RecordedBulk(body.length, lines, 413));
            throw new ScimException(413, "tooMany", "The bulk request has " + operations.size()
                    + " operations; maxOperations is " + maxOperations, Map.of());
        }
        if (faults.failsWholeBulk(operations)) {
            log.recordBulk(new RecordedBulk(body.length, lines, 500));
            throw ScimException.of(500, "Internal server error (sandbox fault: the whole bulk request fails)");
        }
        log.recordBulk(new RecordedBulk(body.length, lines, 200));
        int failOnErrors = operationsBeforeGivingUp(root);
        BulkResultForm form = faults.bulkResultForm();
        List<ObjectNode> results = new ArrayList<>();
        int failed = 0;
        for (JsonNode operation : operations) {
            if (failed >= failOnErrors) {
                break;
            }
            Performed performed = perform(operation, request, write, form);
            if (performed.status() >= 400) {
                failed++;
            }
            if (!performed.omitted()) {
                results.add(performed.result());
            }
        }
        return ScimResponse.json(200, json.write(json.bulkResponse(results)));
    }

    private static JsonNode operations(JsonNode root) {
        boolean isBulkRequest = root.path("schemas").isArray() && root.path("schemas").valueStream()
                .anyMatch(schema -> schema.isString() && ScimJson.BULK_REQUEST_SCHEMA.equals(schema.stringValue()));
        if (!isBulkRequest) {
            throw ScimException.invalidSyntax("A bulk request's schemas must name " + ScimJson.BULK_REQUEST_SCHEMA);
        }
        JsonNode operations = root.get("Operations");
        if (operations == null || !operations.isArray()) {
            throw ScimException.invalidSyntax("A bulk request needs an 'Operations' array");
        }
        return operations;
    }

    private static int operationsBeforeGivingUp(JsonNode root) {
        JsonNode failOnErrors = root.get("failOnErrors");
        return failOnErrors != null && failOnErrors.isIntegralNumber() && failOnErrors.asInt() > 0
                ? failOnErrors.asInt() : Integer.MAX_VALUE;
    }

    private record Performed(ObjectNode result, int status, boolean omitted) {
    }

    private Performed perform(JsonNode operation, ScimRequest request, UserWrite write, BulkResultForm form) {
        String method = text(operation, "method", "");
        String bulkId = text(operation, "bulkId");
        String path = text(operation, "path", "");
        String id = userId(path);
        boolean omitted = id != null && faults.omittedFromBulkResponse(id, directory.find(id));
        int status;
        JsonNode response = null;
        try {
            if (id == null) {
                throw ScimException.invalidPath("Bulk operations here are DELETE or PATCH of /Users/{id}, not "
                        + (path.isEmpty() ? "(no path)" : path));
            }
            if (!method.equals("DELETE") && !method.equals("PATCH")) {
                throw ScimException.methodNotAllowed(method, "DELETE, PATCH");
            }
            status = write.apply(method, id, Optional.ofNullable(operation.get("data"))).status();
        } catch (ScimException e) {
            status = e.status();
            response = json.read(Objects.requireNonNull(errors.render(e, request).body()));
        }
        return new Performed(json.bulkOperationResult(method, bulkId, id, status, response, form), status, omitted);
    }

    private static String text(JsonNode operation, String field, String otherwise) {
        String value = text(operation, field);
        return value != null ? value : otherwise;
    }

    private static @Nullable String text(JsonNode operation, String field) {
        JsonNode value = operation.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** The user id in {@code /Users/{id}} (the id percent-encoded as one segment), or null for any other path. */
    private @Nullable String userId(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        String[] segments = path.substring(1).split("/", -1);
        return segments.length == 2 && mount.isUsersCollection(segments[0]) && !segments[1].isEmpty()
                ? UrlCodec.decodePathSegment(segments[1]) : null;
    }
}
