package dev.scimpurge.sandbox;

/** Whether filtered list requests are refused, set with {@link SandboxFaults#refuseFilters}. */
public enum FilterRefusal {

    /** The default: filters work. */
    NONE,

    /** 400 with {@code scimType} {@code invalidFilter}, as servers answer that parse no filter at all. */
    INVALID_FILTER,

    /** 501 Not Implemented, as RFC 7644 §3.4.2 suggests for a server that does not filter. */
    NOT_IMPLEMENTED;

    /** @throws ScimException this refusal's answer to a filtered list request */
    void throwIfRefusing() {
        switch (this) {
            case NONE -> { }
            case INVALID_FILTER -> throw ScimException.invalidFilter("This server does not support filtering (sandbox fault)");
            case NOT_IMPLEMENTED -> throw ScimException.of(501, "Filtering is not implemented (sandbox fault)");
        }
    }
}
