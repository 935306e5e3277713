package dev.scimpurge.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A user as the sandbox stores it.
 *
 * @param userType     e.g. {@code "Registered"}; {@code null} when unassigned
 * @param entitlements e.g. {@code ["workspace-1"]}
 * @param externalId   the identity provider's id for the user; {@code null} when unassigned
 */
public record SandboxUser(String id, String userName, List<String> emails, boolean active, @Nullable String userType,
                          List<String> entitlements, @Nullable String externalId) {

    public SandboxUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userName, "userName");
        emails = emails == null ? List.of() : List.copyOf(emails);
        entitlements = entitlements == null ? List.of() : List.copyOf(entitlements);
    }

    /** A user without an externalId. */
    public SandboxUser(String id, String userName, List<String> emails, boolean active, @Nullable String userType,
                       List<String> entitlements) {
        this(id, userName, emails, active, userType, entitlements, null);
    }

    public SandboxUser withUserName(String newUserName) {
        return new SandboxUser(id, newUserName, emails, active, userType, entitlements, externalId);
    }

    public SandboxUser withActive(boolean newActive) {
        return new SandboxUser(id, userName, emails, newActive, userType, entitlements, externalId);
    }

    public SandboxUser withUserType(@Nullable String newUserType) {
        return new SandboxUser(id, userName, emails, active, newUserType, entitlements, externalId);
    }

    public SandboxUser withEntitlements(List<String> newEntitlements) {
        return new SandboxUser(id, userName, emails, active, userType, newEntitlements, externalId);
    }

    public SandboxUser withExternalId(@Nullable String newExternalId) {
        return new SandboxUser(id, userName, emails, active, userType, entitlements, newExternalId);
    }

    /** Adds entitlements not already held, keeping the existing order. */
    public SandboxUser plusEntitlements(List<String> added) {
        LinkedHashSet<String> merged = new LinkedHashSet<>(entitlements);
        merged.addAll(added);
        return withEntitlements(new ArrayList<>(merged));
    }

    public SandboxUser minusEntitlements(List<String> removed) {
        List<String> kept = new ArrayList<>(entitlements);
        kept.removeAll(removed);
        return withEntitlements(kept);
    }

    /** True when {@code address} equals the userName or any email, ignoring case (RFC 7643: caseExact=false). */
    public boolean hasAddress(String address) {
        return userName.equalsIgnoreCase(address) || emails.stream().anyMatch(address::equalsIgnoreCase);
    }

    /** True when {@code idOrAddress} is this user's exact id or, ignoring case, one of its addresses. */
    public boolean isKnownAs(String idOrAddress) {
        return id.equals(idOrAddress) || hasAddress(idOrAddress);
    }
}
