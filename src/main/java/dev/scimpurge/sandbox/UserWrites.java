package dev.scimpurge.sandbox;

/**
 * What DELETE and PATCH of one user do in a personality. Authentication and the server-wide faults have been
 * applied before any of these methods runs.
 */
interface UserWrites {

    /**
     * Service-wide refusals of a DELETE that come before the user is looked at, and before the per-user failure
     * fault (a per-endpoint rate limit, a switched-off feature).
     */
    default void admitDelete() {
    }

    /** Runs after the per-user failure fault. */
    ScimResponse delete(String id);

    /**
     * @param requested {@code before} with the PATCH operations applied
     * @return what the service actually stores and answers with
     */
    default SandboxUser patched(SandboxUser before, SandboxUser requested) {
        return requested;
    }
}
