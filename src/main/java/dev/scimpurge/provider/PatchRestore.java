package dev.scimpurge.provider;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.scimpurge.audit.Reasons;
import dev.scimpurge.scim.ScimClient;

/**
 * A PatchOp that undoes a removal: the attributes the removal took, put back from the resource kept before it
 * ({@code op: add}), then the profile's operations (e.g. {@code active} true), but for a reactivation of an account the
 * kept resource shows deactivated already: a restore gives back the state before the removal, not more.
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
        Patch patch = patchFor(kept);
        if (patch.refusal() != null) {
            return patch.refusal();
        }
        int status = client.patchUser(accountId, patch.operations()).status();
        return new Restored(status, "PATCH " + String.join("; ", patch.what()));
    }

    @Override
    public @Nullable NotRestorable refusal(@Nullable JsonNode kept) {
        return patchFor(kept).refusal();
    }

    /** The PatchOp that undoes the removal, with what it does in words; or, where there is nothing to send, why. */
    private record Patch(ArrayNode operations, List<String> what, @Nullable NotRestorable refusal) {
    }

    private Patch patchFor(@Nullable JsonNode kept) {
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        List<String> what = new ArrayList<>();
        if (!keptAttributes.isEmpty() && kept == null) {
            return new Patch(patch, what, new NotRestorable("nothing was kept of the account before its removal, so its "
                    + String.join(", ", keptAttributes) + " cannot be given back; restore it in the service's own admin", Reasons.NOTHING_KEPT));
        }
        for (String attribute : keptAttributes) {
            JsonNode value = kept == null ? null : kept.get(attribute);
            if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                patch.addObject().put("op", "add").put("path", attribute).set("value", value);
                what.add(attribute + " " + value);
            }
        }
        boolean wasDeactivated = kept != null && isFalse(kept.get("active"));
        if (operations != null) {
            for (JsonNode op : operations) {
                if (wasDeactivated && activates(op)) {
                    // the account was deactivated before its removal (a --deactivated run): the restore leaves it so
                    continue;
                }
                patch.add(op);
                what.add(op.path("op").asString("") + " " + op.path("path").asString("") + " " + op.path("value"));
            }
        }
        if (patch.isEmpty()) {
            return new Patch(patch, what, new NotRestorable(wasDeactivated ? "the account was already deactivated when it was read "
                    + "before its removal, so reactivating it would not restore it; nothing to give back"
                    : "the kept resource holds no " + String.join(", ", keptAttributes) + " to give back; nothing to restore",
                    wasDeactivated ? Reasons.WAS_DEACTIVATED : Reasons.NOTHING_KEPT));
        }
        return new Patch(patch, what, null);
    }

    /** {@code active} false, as a JSON boolean or as the text Anaplan sends. */
    private static boolean isFalse(@Nullable JsonNode active) {
        return active != null && (active.isBoolean() && !active.booleanValue() || active.isString() && "false".equalsIgnoreCase(active.stringValue()));
    }

    /** A PatchOp operation that sets {@code active} true: {@code path: active}, or a value object holding it. */
    private static boolean activates(JsonNode op) {
        JsonNode value = op.path("value");
        return "active".equalsIgnoreCase(op.path("path").asString("")) ? value.isBoolean() && value.booleanValue()
                : value.path("active").isBoolean() && value.path("active").booleanValue();
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
