package dev.scimpurge.provider;

import java.util.Optional;

import dev.scimpurge.scim.ScimClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A PatchOp with the profile's operations (Anaplan: drop workspaces and/or disable). Never a DELETE. */
final class PatchRemoval implements AccountRemoval {

    private final ScimClient client;
    private final JsonNode operations;

    PatchRemoval(ScimClient client, @Nullable JsonNode operations) {
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw new IllegalArgumentException("a patch removal needs a list of operations");
        }
        this.client = client;
        this.operations = operations;
    }

    @Override
    public int remove(String accountId) {
        return client.patchUser(accountId, operations).status();
    }

    @Override
    public Optional<BulkOperation> asBulkOperation() {
        return Optional.of(new BulkOperation("PATCH", client.patchOp(operations)));
    }
}
