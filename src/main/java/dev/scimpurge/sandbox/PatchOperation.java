package dev.scimpurge.sandbox;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One entry of a PatchOp's {@code Operations}, syntactically valid.
 *
 * @param op    {@code add}, {@code replace} or {@code remove}, lower-cased
 * @param path  {@code null} when the operation has no path
 * @param value {@code null} when the operation has no value (allowed only for remove)
 * @param index 1-based position in {@code Operations}, for error messages
 */
record PatchOperation(String op, @Nullable String path, @Nullable JsonNode value, int index) {

    boolean isRemove() {
        return op.equals("remove");
    }

    /** e.g. {@code "Operation 2 (replace active)"}. */
    String describe() {
        return "Operation " + index + " (" + op + (path == null ? "" : " " + path) + ")";
    }
}
