package dev.scimpurge.job.purge;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.scimpurge.provider.AccountRemoval;
import dev.scimpurge.scim.ScimBulkResponse;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimException;

/**
 * {@code probe --probe-bulk}: one Bulk request, built as a purge's {@link BulkRemoval} builds them, whose one operation
 * removes a random id no server can have: a server whose Bulk works answers it 404. Sent once, not retried, so that it
 * is the only request of a probe that could change anything, and it names nobody.
 */
public final class BulkProbe {

    private final ScimClient client;
    private final JsonMapper mapper;
    private final AccountRemoval removal;

    public BulkProbe(ScimClient client, JsonMapper mapper, AccountRemoval removal) {
        this.client = client;
        this.mapper = mapper;
        this.removal = removal;
    }

    /**
     * What the server answered.
     *
     * @param method        the operation's method: the purge's own ({@code DELETE}, or {@code PATCH} for a deactivating removal)
     * @param id            the id that cannot exist
     * @param requestStatus the request's own status: 200 when a BulkResponse came back, else the error status, or null for no answer
     * @param operation     the answer's one operation, or null when there was none
     * @param operations    how many operations the answer held
     * @param detail        what went wrong, or null
     */
    public record Observation(String method, String id, @Nullable Integer requestStatus, ScimBulkResponse.@Nullable Operation operation,
            int operations, Duration latency, @Nullable String detail) {

        /** Whether the one operation answered 404, as a working Bulk endpoint does for an id that cannot exist. */
        public boolean works() {
            return operations == 1 && operation != null && Integer.valueOf(404).equals(operation.status());
        }
    }

    public Observation send() {
        String id = "scim-purge-probe-" + UUID.randomUUID();
        AccountRemoval.BulkOperation purgeOperation = removal.asBulkOperation().orElse(new AccountRemoval.BulkOperation("DELETE", null));
        BulkRequests requests = new BulkRequests(mapper, 1, Integer.MAX_VALUE);
        String body = requests.body(List.of(requests.operation(purgeOperation.method(), client.bulkPath(id), purgeOperation.data())));
        long start = System.nanoTime();
        try {
            ScimBulkResponse answer = client.bulk(body);
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            ScimBulkResponse.Operation operation = answer.operations().isEmpty() ? null : answer.operations().get(0);
            return new Observation(purgeOperation.method(), id, 200, operation, answer.operations().size(), latency,
                    operation == null ? "the BulkResponse has no operation" : operation.detail());
        } catch (ScimException e) {
            Integer status = e instanceof dev.scimpurge.scim.ScimErrorResponseException error ? error.status() : null;
            return new Observation(purgeOperation.method(), id, status, null, 0, Duration.ofNanos(System.nanoTime() - start),
                    e.getMessage());
        }
    }
}
