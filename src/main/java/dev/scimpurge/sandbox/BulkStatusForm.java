package dev.scimpurge.sandbox;

import tools.jackson.databind.node.ObjectNode;

/** How a BulkResponse operation's {@code status} is written, set with {@link SandboxFaults#bulkStatusForm}. */
public enum BulkStatusForm {

    /** The default and RFC 7644 §3.7's form: {@code "status": "204"}. */
    STRING,

    /** {@code "status": 204}: servers that write the HTTP status as a JSON number. */
    NUMBER,

    /** {@code "status": {"code": "204"}}: the SCIM 1.1 form, which SCIM 2.0 servers built on SCIM 1.1 code still send (issue 12). */
    SCIM_1_1_OBJECT;

    void write(ObjectNode operation, int status) {
        switch (this) {
            case STRING -> operation.put("status", Integer.toString(status));
            case NUMBER -> operation.put("status", status);
            case SCIM_1_1_OBJECT -> operation.putObject("status").put("code", Integer.toString(status));
        }
    }
}
