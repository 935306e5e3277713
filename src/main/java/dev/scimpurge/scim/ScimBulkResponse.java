package dev.scimpurge.scim;

import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** What a BulkResponse says about each operation, in the server's order. */
public record ScimBulkResponse(List<Operation> operations) {

    public ScimBulkResponse {
        operations = List.copyOf(operations);
    }

    /**
     * @param bulkId     as the request gave it, or null when the server left it out
     * @param location   the resource's URL, or null
     * @param status     the operation's HTTP status, or null when the server gave none that could be read
     * @param detail     the server's own words for an error status, null otherwise
     * @param statusForm how the server wrote the status
     */
    public record Operation(@Nullable String bulkId, @Nullable String location, @Nullable Integer status, @Nullable String detail,
            StatusForm statusForm) {

        public Operation(@Nullable String bulkId, @Nullable String location, @Nullable Integer status, @Nullable String detail) {
            this(bulkId, location, status, detail, StatusForm.STRING);
        }
    }

    /** The forms an operation's {@code status} comes in; all but {@link #MISSING} are read alike. */
    public enum StatusForm {
        /** {@code "status": "204"}, RFC 7644 §3.7's form. */
        STRING("\"204\" (RFC 7644)"),
        /** {@code "status": 204}. */
        NUMBER("204 (a JSON number)"),
        /** {@code "status": {"code": "204"}}, SCIM 1.1's form. */
        SCIM_1_1_OBJECT("{\"code\": \"204\"} (SCIM 1.1)"),
        /** None, or none of the above. */
        MISSING("none that can be read");

        private final String example;

        StatusForm(String example) {
            this.example = example;
        }

        /** The form, as an example of a 204 written in it. */
        public String example() {
            return example;
        }

        static StatusForm of(@Nullable JsonNode status) {
            if (status == null || status.isNull()) {
                return MISSING;
            }
            return status.isObject() ? (status.has("code") ? SCIM_1_1_OBJECT : MISSING)
                    : status.isIntegralNumber() ? NUMBER : status.isString() ? STRING : MISSING;
        }
    }
}
