package dev.scimpurge.sandbox;

import java.util.Objects;

/** How the SCIM bases of one personality authenticate, fail and write. */
record ScimBehaviour(Authenticator authenticator, ErrorFormat errors, UserWrites writes, BulkSupport bulk) {

    ScimBehaviour {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(writes, "writes");
        Objects.requireNonNull(bulk, "bulk");
    }

    ScimBehaviour(Authenticator authenticator, ErrorFormat errors, UserWrites writes) {
        this(authenticator, errors, writes, BulkSupport.unsupported());
    }
}
