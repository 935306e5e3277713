package dev.scimpurge.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Checks that a body is a well-formed RFC 7644 §3.5.2 PatchOp and extracts its operations. */
final class PatchRequestParser {

    private static final Set<String> OPS = Set.of("add", "replace", "remove");

    /** @throws ScimException invalidSyntax when the body is not a well-formed PatchOp */
    List<PatchOperation> operations(JsonNode body) {
        if (!body.isObject()) {
            throw ScimException.invalidSyntax("A PatchOp body must be a JSON object");
        }
        requirePatchOpSchema(JsonFields.get(body, "schemas"));
        JsonNode operations = JsonFields.get(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("A PatchOp needs a non-empty 'Operations' array");
        }
        List<PatchOperation> parsed = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            parsed.add(operation(operations.get(i), i + 1));
        }
        return parsed;
    }

    private static void requirePatchOpSchema(@Nullable JsonNode schemas) {
        boolean declared = schemas != null && schemas.isArray() && schemas.valueStream()
                .anyMatch(schema -> schema.isString() && schema.stringValue().equalsIgnoreCase(ScimJson.PATCH_OP_SCHEMA));
        if (!declared) {
            throw ScimException.invalidSyntax("'schemas' must contain \"" + ScimJson.PATCH_OP_SCHEMA + "\"");
        }
    }

    private static PatchOperation operation(JsonNode node, int index) {
        if (!node.isObject()) {
            throw ScimException.invalidSyntax("Operation " + index + " must be a JSON object");
        }
        JsonNode opNode = JsonFields.get(node, "op");
        if (opNode == null || !opNode.isString()) {
            throw ScimException.invalidSyntax("Operation " + index + " needs an 'op' string: add, replace or remove");
        }
        String op = opNode.stringValue().toLowerCase(Locale.ROOT);
        if (!OPS.contains(op)) {
            throw ScimException.invalidSyntax("Operation " + index + " has unsupported op '" + opNode.stringValue()
                    + "'; use add, replace or remove");
        }
        JsonNode pathNode = JsonFields.get(node, "path");
        if (pathNode != null && !pathNode.isNull() && !(pathNode.isString() && !pathNode.stringValue().isBlank())) {
            throw ScimException.invalidSyntax("Operation " + index + " has a 'path' that is not a non-empty string");
        }
        String path = pathNode == null || pathNode.isNull() ? null : pathNode.stringValue().trim();
        JsonNode value = JsonFields.get(node, "value");
        if (value == null && !op.equals("remove")) {
            throw ScimException.invalidSyntax("Operation " + index + " (" + op + ") needs a 'value'");
        }
        return new PatchOperation(op, path, value, index);
    }
}
