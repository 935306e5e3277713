package dev.scimpurge.sandbox;

import java.util.Optional;

/** A scripted failure for DELETE/PATCH of one user, matched by id or by address. */
record UserFailure(String idOrEmail, int status, String detail) {

    /**
     * @param user the user behind {@code id}, if it still exists; lets the failure match on its addresses
     */
    boolean appliesTo(String id, Optional<SandboxUser> user) {
        return idOrEmail.equals(id) || user.map(found -> found.isKnownAs(idOrEmail)).orElse(false);
    }
}
