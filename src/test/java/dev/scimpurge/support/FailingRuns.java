package dev.scimpurge.support;

import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;

/**
 * Ways to make a run fail after it has started, for tests of what follows (restart, abandon, history, prune). A wrong
 * token no longer does: the check of the target before the run refuses it first, and no execution is left.
 */
public final class FailingRuns {

    /** Every query of the generic sandbox's users but the check's (startIndex=1&count=1). */
    private static final String AFTER_THE_CHECK = "(?!startIndex=1&count=1$).*";

    private FailingRuns() {
    }

    /**
     * The generic sandbox refuses the token (401) on every listing and lookup after the check of the target, as a
     * token revoked while the run starts: the run fails after collecting a CSV, before it removes anyone.
     * {@code sandbox.faults().clearRouteFaults()} takes the token back.
     */
    public static void revokeTheTokenAfterTheCheck(SandboxScimServer sandbox) {
        sandbox.faults().onRoute("GET", "/scim/v2/Users", AFTER_THE_CHECK,
                RouteFault.Canned.json(401, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"401\","
                        + "\"detail\":\"token revoked\"}"));
    }
}
