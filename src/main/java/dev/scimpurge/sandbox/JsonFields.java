package dev.scimpurge.sandbox;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1), so lookups in request bodies must be too. */
final class JsonFields {

    private JsonFields() {
    }

    /** @return the first property of {@code object} named {@code name} ignoring case, or {@code null} */
    static @Nullable JsonNode get(JsonNode object, String name) {
        return object.propertyStream()
                .filter(property -> property.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
