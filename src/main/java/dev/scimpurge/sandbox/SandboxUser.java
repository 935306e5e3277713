package dev.scimpurge.sandbox;

import java.time.Instant;
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
 * @param created      {@code meta.created}; {@code null} until the {@link SandboxDirectory} stamps it on adding the user
 * @param lastModified {@code meta.lastModified}; the directory sets it on every change to the user
 */
public record SandboxUser(String id, String userName, List<String> emails, boolean active, @Nullable String userType,
                          List<String> entitlements, @Nullable String externalId, @Nullable Instant created,
                          @Nullable Instant lastModified) {

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

    /** A user the directory stamps with its creation time when it is added. */
    public SandboxUser(String id, String userName, List<String> emails, boolean active, @Nullable String userType,
                       List<String> entitlements, @Nullable String externalId) {
        this(id, userName, emails, active, userType, entitlements, externalId, null, null);
    }

    /** The same user with these {@code meta} times. */
    public SandboxUser withMeta(@Nullable Instant newCreated, @Nullable Instant newLastModified) {
        return new SandboxUser(id, userName, emails, active, userType, entitlements, externalId, newCreated, newLastModified);
    }

    /** Whether the two differ in anything but their {@code meta} times: what counts as a modification. */
    boolean differsFrom(SandboxUser other) {
        return !withMeta(null, null).equals(other.withMeta(null, null));
    }

    public SandboxUser withUserName(String newUserName) {
        return new SandboxUser(id, newUserName, emails, active, userType, entitlements, externalId, created, lastModified);
    }

    public SandboxUser withActive(boolean newActive) {
        return new SandboxUser(id, userName, emails, newActive, userType, entitlements, externalId, created, lastModified);
    }

    public SandboxUser withUserType(@Nullable String newUserType) {
        return new SandboxUser(id, userName, emails, active, newUserType, entitlements, externalId, created, lastModified);
    }

    public SandboxUser withEntitlements(List<String> newEntitlements) {
        return new SandboxUser(id, userName, emails, active, userType, newEntitlements, externalId, created, lastModified);
    }

    public SandboxUser withExternalId(@Nullable String newExternalId) {
        return new SandboxUser(id, userName, emails, active, userType, entitlements, newExternalId, created, lastModified);
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
