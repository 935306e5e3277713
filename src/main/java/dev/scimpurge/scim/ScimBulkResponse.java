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
        STRING("\"%d\" (RFC 7644)"),
        /** {@code "status": 204}. */
        NUMBER("%d (a JSON number)"),
        /** {@code "status": {"code": "204"}}, SCIM 1.1's form. */
        SCIM_1_1_OBJECT("{\"code\": \"%d\"} (SCIM 1.1)"),
        /** None, or none of the above. */
        MISSING("none that can be read");

        private final String format;

        StatusForm(String format) {
            this.format = format;
        }

        /** {@code status} written in this form, and the form's name, e.g. {@code {"code": "404"} (SCIM 1.1)}. */
        public String written(@Nullable Integer status) {
            return this == MISSING || status == null ? format : String.format(java.util.Locale.ROOT, format, status);
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
