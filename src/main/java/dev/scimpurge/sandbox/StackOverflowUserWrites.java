package dev.scimpurge.sandbox;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Stack Overflow's deletion rules: deletion must be enabled by support; moderators and admins must be demoted
 * first; a community's creator cannot be deleted at all. Role changes over PATCH need the admin checkboxes, and an
 * unknown role is silently ignored.
 */
final class StackOverflowUserWrites implements UserWrites {

    static final String REGISTERED = "Registered";
    static final String MODERATOR = "Moderator";
    static final String ADMIN = "Admin";
    private static final Set<String> ROLES = Set.of(REGISTERED, MODERATOR, ADMIN);
    private static final Set<String> UNDELETABLE_ROLES = Set.of(MODERATOR, ADMIN);

    private final SandboxDirectory directory;
    private final SandboxFaults faults;

    StackOverflowUserWrites(SandboxDirectory directory, SandboxFaults faults) {
        this.directory = directory;
        this.faults = faults;
    }

    @Override
    public void admitDelete() {
        if (!faults.deletionEnabled()) {
            throw ScimException.notFound("User deletion via SCIM is not enabled for this site; "
                    + "Stack Overflow support must turn it on");
        }
    }

    @Override
    public ScimResponse delete(String id) {
        SandboxUser user = directory.find(id).orElseThrow(() -> ScimException.userNotFound(id));
        if (isOneOf(user.userType(), UNDELETABLE_ROLES)) {
            throw ScimException.of(500, "User " + id + " has the role " + user.userType()
                    + " and cannot be deleted. Adjust role to User and try again.");
        }
        if (faults.isSystemAccount(user)) {
            throw ScimException.of(400, "You cannot delete or destroy System Accounts.");
        }
        if (faults.isCommunityCreator(user)) {
            throw ScimException.of(500, "The DELETE statement conflicted with the REFERENCE constraint "
                    + "\"FK_CommunityMemberships_CreationUser\". The conflict occurred in database \"Teams\", "
                    + "table \"dbo.CommunityMemberships\", column 'CreationUserId'. "
                    + "The statement has been terminated.");
        }
        directory.remove(id);
        return ScimResponse.noContent();
    }

    /**
     * The real service answers 200 either way; only the returned userType tells whether the role changed. A user made
     * Registered is held, and answered, without a {@code userType}.
     */
    @Override
    public SandboxUser patched(SandboxUser before, SandboxUser requested) {
        if (Objects.equals(before.userType(), requested.userType())
                || faults.roleChangesAllowed() && isOneOf(requested.userType(), ROLES)) {
            return REGISTERED.equals(requested.userType()) ? requested.withUserType(null) : requested;
        }
        return requested.withUserType(before.userType());
    }

    /** Null-safe: {@code Set.of(...).contains(null)} throws. */
    private static boolean isOneOf(@Nullable String role, Set<String> roles) {
        return role != null && roles.contains(role);
    }
}
