package dev.scimpurge.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Applies PatchOp operations to a user. Supported: add/replace of {@code active}, {@code userType} and
 * {@code entitlements}; remove of {@code userType} and {@code entitlements} (all, or only the listed values);
 * add/replace without a path whose value is an object of those attributes.
 */
final class UserPatcher {

    private enum Target { ACTIVE, USER_TYPE, ENTITLEMENTS }

    private static final Map<String, Target> TARGETS = Map.of(
            "active", Target.ACTIVE, "usertype", Target.USER_TYPE, "entitlements", Target.ENTITLEMENTS);
    private static final String SUPPORTED_PATHS = "active, userType and entitlements";

    /**
     * Applies the operations in order. Throws on the first bad operation; the caller keeps the original user then,
     * which makes the whole request atomic (RFC 7644 §3.5.2).
     */
    SandboxUser apply(SandboxUser user, List<PatchOperation> operations) {
        SandboxUser patched = user;
        for (PatchOperation operation : operations) {
            patched = apply(patched, operation);
        }
        return patched;
    }

    private SandboxUser apply(SandboxUser user, PatchOperation operation) {
        if (operation.isRemove()) {
            if (operation.path() == null) {
                throw ScimException.noTarget(operation.describe() + " needs a path");
            }
            return remove(user, target(operation.path(), operation), operation);
        }
        if (operation.path() != null) {
            return set(user, target(operation.path(), operation), Objects.requireNonNull(operation.value()), operation);
        }
        if (!Objects.requireNonNull(operation.value()).isObject()) {
            throw ScimException.invalidSyntax(operation.describe()
                    + " has no path, so its value must be an object of attributes");
        }
        SandboxUser patched = user;
        for (Map.Entry<String, JsonNode> attribute : operation.value().properties()) {
            patched = set(patched, target(attribute.getKey(), operation), attribute.getValue(), operation);
        }
        return patched;
    }

    private static Target target(String path, PatchOperation operation) {
        Target target = TARGETS.get(FilterAttribute.withoutSchemaPrefix(path).toLowerCase(Locale.ROOT));
        if (target == null) {
            String why = path.contains("[") ? "value filters in paths are not supported" : "unsupported attribute";
            throw ScimException.invalidPath(operation.describe() + ": '" + path + "' is an " + why
                    + "; the sandbox can patch " + SUPPORTED_PATHS);
        }
        return target;
    }

    private static SandboxUser set(SandboxUser user, Target target, JsonNode value, PatchOperation operation) {
        return switch (target) {
            case ACTIVE -> user.withActive(booleanValue(value, operation));
            case USER_TYPE -> user.withUserType(nullableString(value, operation));
            case ENTITLEMENTS -> operation.op().equals("add")
                    ? user.plusEntitlements(entitlementValues(value, operation))
                    : user.withEntitlements(entitlementValues(value, operation));
        };
    }

    private static SandboxUser remove(SandboxUser user, Target target, PatchOperation operation) {
        return switch (target) {
            case ACTIVE -> throw ScimException.invalidPath(operation.describe()
                    + ": active cannot be removed; replace it with false instead");
            case USER_TYPE -> user.withUserType(null);
            case ENTITLEMENTS -> operation.value() == null || operation.value().isNull()
                    ? user.withEntitlements(List.of())
                    : user.minusEntitlements(entitlementValues(operation.value(), operation));
        };
    }

    private static boolean booleanValue(JsonNode value, PatchOperation operation) {
        if (!value.isBoolean()) {
            throw ScimException.invalidValue(operation.describe()
                    + ": active must be a JSON boolean (true or false), not " + describe(value));
        }
        return value.booleanValue();
    }

    private static @Nullable String nullableString(JsonNode value, PatchOperation operation) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ScimException.invalidValue(operation.describe() + ": userType must be a string, not " + describe(value));
        }
        return value.stringValue();
    }

    /** Accepts {@code [{"value":"x"}, ...]}, {@code ["x", ...]} or a single such element. */
    private static List<String> entitlementValues(JsonNode value, PatchOperation operation) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : value.isArray() ? value.values() : List.of(value)) {
            JsonNode text = element.isObject() ? JsonFields.get(element, "value") : element;
            if (text == null || !text.isString()) {
                throw ScimException.invalidValue(operation.describe()
                        + ": entitlements must be objects like {\"value\": \"...\"} or strings");
            }
            values.add(text.stringValue());
        }
        return values;
    }

    private static String describe(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(value.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
