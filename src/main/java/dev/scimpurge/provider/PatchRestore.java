package dev.scimpurge.provider;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.scimpurge.scim.ScimClient;

/**
 * A PatchOp that undoes a removal: the attributes the removal took, put back from the resource kept before it
 * ({@code op: add}), then the profile's operations (e.g. {@code active} true).
 */
final class PatchRestore implements AccountRestore {

    private final ScimClient client;
    private final @Nullable JsonNode operations;
    private final List<String> keptAttributes;
    private final boolean givesBackKept;

    PatchRestore(ScimClient client, ProviderProfile.Restore restore) {
        this.client = client;
        this.operations = restore.operations();
        this.keptAttributes = restore.keptAttributes();
        this.givesBackKept = restore.givesBackKept();
    }

    @Override
    public Result restore(String accountId, @Nullable JsonNode kept) {
        if (!keptAttributes.isEmpty() && kept == null) {
            return new NotRestorable("nothing was kept of the account before its removal, so its " + String.join(", ", keptAttributes)
                    + " cannot be given back; restore it in the service's own admin");
        }
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        List<String> what = new ArrayList<>();
        for (String attribute : keptAttributes) {
            JsonNode value = kept == null ? null : kept.get(attribute);
            if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                patch.addObject().put("op", "add").put("path", attribute).set("value", value);
                what.add(attribute + " " + value);
            }
        }
        if (operations != null) {
            for (JsonNode op : operations) {
                patch.add(op);
                what.add(op.path("op").asString("") + " " + op.path("path").asString("") + " " + op.path("value"));
            }
        }
        if (patch.isEmpty()) {
            return new NotRestorable("the kept resource holds no " + String.join(", ", keptAttributes) + " to give back; nothing to restore");
        }
        int status = client.patchUser(accountId, patch).status();
        return new Restored(status, "PATCH " + String.join("; ", what));
    }

    @Override
    public @Nullable String irreversible() {
        return null;
    }

    @Override
    public boolean needsKept() {
        return givesBackKept;
    }
}
