package dev.scimpurge.provider;

import java.util.Locale;
import java.util.Optional;

import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimUser;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Stack Overflow for Teams: a moderator or admin cannot be deleted ("Adjust role to User"). As
 * the reference script does, demote them to {@code Registered} and delete once more. The server
 * answers 200 to a role change it ignores (the admin's SCIM role checkboxes are off), so the
 * returned role is checked before the second DELETE. A user without a {@code userType} is
 * Registered: the reference script reads a missing key that way ("If user is not a
 * moderator/admin, the 'userType' key will not exist"). The second DELETE stays the guard: if
 * the user is still a moderator it is refused again.
 */
final class DemoteThenDeleteRemoval implements AccountRemoval {

    static final String ADJUST_ROLE = "Adjust role to User";
    static final String REGISTERED = "Registered";

    private final ScimClient client;

    DemoteThenDeleteRemoval(ScimClient client) {
        this.client = client;
    }

    @Override
    public int remove(String accountId) {
        return removeNoting(accountId).status();
    }

    @Override
    public Done removeNoting(String accountId) {
        String roleBefore;
        try {
            return new Done(client.deleteUser(accountId), null);
        } catch (ScimErrorResponseException e) {
            if (e.status() != 500 || !e.detail().toLowerCase(Locale.ROOT).contains(ADJUST_ROLE.toLowerCase(Locale.ROOT))) {
                throw e;
            }
            roleBefore = roleNamedIn(e.detail());
        }
        ScimClient.PatchResult demoted = client.patchUser(accountId, JsonNodeFactory.instance.arrayNode()
                .add(JsonNodeFactory.instance.objectNode().put("op", "replace").put("path", "userType").put("value", REGISTERED)));
        Optional<ScimUser> after = demoted.user().isPresent() ? demoted.user() : client.getUser(accountId);
        String role = after.map(user -> user.userType() == null ? REGISTERED : user.userType()).orElse(null);
        if (!REGISTERED.equalsIgnoreCase(role)) {
            throw new RemovalRefusedException("role_not_changeable", demoted.status(),
                    "the user is a moderator or admin and SCIM could not demote them (role is still " + role + "): enable "
                            + "'Allow Moderator Promotion via a userType property' and 'Allow Admin Promotion via a userType property' "
                            + "(Enterprise) or 'Allow SCIM to manage user roles' (Business) in the SCIM admin settings, then run again");
        }
        String note = "demoted from " + roleBefore + " to " + REGISTERED;
        try {
            return new Done(client.deleteUser(accountId), note);
        } catch (ScimErrorResponseException e) {
            throw new ScimErrorResponseException(e.status(), e.scimType(),
                    note + " before this deletion, which failed (the account keeps the Registered role): " + e.detail());
        }
    }

    /** The role the refusal names ("... has the role Moderator ..."), or "moderator or admin" when it names none. */
    private static String roleNamedIn(String detail) {
        for (String role : new String[] {"Moderator", "Admin"}) {
            if (detail.matches("(?s).*\\b" + role + "\\b.*")) {
                return role;
            }
        }
        return "moderator or admin";
    }
}
