package dev.scimpurge.provider;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What "remove" means at a service: a DELETE, a PATCH, a call to the provider's own endpoint.
 * Returns the HTTP status of the answer that did it; a refusal by the server is thrown as
 * {@code ScimErrorResponseException}, one decided here as {@link RemovalRefusedException}.
 */
public interface AccountRemoval {

    int remove(String accountId);

    /**
     * The removal, with what else it did to the account on the way (e.g. a demotion) for the audit to record; a
     * removal that does only one thing has no note.
     */
    default Done removeNoting(String accountId) {
        return new Done(remove(accountId), null);
    }

    /**
     * @param status the HTTP status of the answer that did it
     * @param note   what else was done to the account first, or null
     */
    record Done(int status, @Nullable String note) {
    }

    /**
     * The removal as one plain SCIM request on {@code /Users/{id}}, which a Bulk request can carry; empty for a
     * removal that takes several steps or another endpoint.
     */
    default Optional<BulkOperation> asBulkOperation() {
        return Optional.empty();
    }

    /**
     * @param method {@code DELETE} or {@code PATCH}
     * @param data   the request body (a PatchOp), or null for none
     */
    record BulkOperation(String method, @Nullable JsonNode data) {
    }
}
