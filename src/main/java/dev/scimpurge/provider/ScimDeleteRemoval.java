package dev.scimpurge.provider;

import java.util.Optional;

import dev.scimpurge.scim.ScimClient;

/** {@code DELETE {base}/Users/{id}}: SCIM's own removal. */
final class ScimDeleteRemoval implements AccountRemoval {

    private final ScimClient client;

    ScimDeleteRemoval(ScimClient client) {
        this.client = client;
    }

    @Override
    public int remove(String accountId) {
        return client.deleteUser(accountId);
    }

    @Override
    public Optional<BulkOperation> asBulkOperation() {
        return Optional.of(new BulkOperation("DELETE", null));
    }
}
