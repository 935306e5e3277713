package dev.scimpurge.scim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a SCIM User resource that a purge needs. {@code active} is null when the server
 * did not say, which is never read as "deactivated". {@code lastModified} is the resource's
 * {@code meta.lastModified}, null when the server did not send it or sent something that is not a time.
 * {@code accountId} is the service's own account id beside the SCIM id, where the profile names the attribute that holds
 * it (Atlassian's {@code atlassianAccountId}); null elsewhere. {@code resource} is the whole resource as the server served
 * it, kept before a removal so that a restore can give back what the removal took (null where the user was not read from
 * the server, e.g. the directory copied into the job database).
 */
public record ScimUser(String id, @Nullable String userName, List<String> emails, @Nullable Boolean active, @Nullable String userType,
        @Nullable Instant lastModified, @Nullable String accountId, @Nullable JsonNode resource) {

    public ScimUser {
        emails = List.copyOf(emails);
    }

    public ScimUser(String id, @Nullable String userName, List<String> emails, @Nullable Boolean active, @Nullable String userType,
            @Nullable Instant lastModified, @Nullable String accountId) {
        this(id, userName, emails, active, userType, lastModified, accountId, null);
    }

    public ScimUser(String id, @Nullable String userName, List<String> emails, @Nullable Boolean active, @Nullable String userType,
            @Nullable Instant lastModified) {
        this(id, userName, emails, active, userType, lastModified, null);
    }

    /** A user whose server did not say when it was last modified. */
    public ScimUser(String id, @Nullable String userName, List<String> emails, @Nullable Boolean active, @Nullable String userType) {
        this(id, userName, emails, active, userType, null);
    }

    public boolean isDeactivated() {
        return Boolean.FALSE.equals(active);
    }

    /** True when the address is one of the user's emails or its userName, compared case-insensitively. */
    public boolean matchesEmail(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        if (userName != null && userName.toLowerCase(Locale.ROOT).equals(wanted)) {
            return true;
        }
        return emails.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** Every address and the userName the user has, as the server gave them. */
    public List<String> names() {
        List<String> names = new ArrayList<>(emails);
        if (userName != null && !emails.contains(userName)) {
            names.add(userName);
        }
        return names;
    }

    /** The address to show for this user in reports: its first email, else its userName. */
    public @Nullable String displayEmail() {
        return emails.isEmpty() ? userName : emails.get(0);
    }
}
