package dev.scimpurge.probe;

import org.jspecify.annotations.Nullable;

/**
 * An account the directory lists, with the values the lookup filters are tried with.
 *
 * @param userName its userName when that is an address, else null
 * @param email    its first email address, or null when it has none
 */
public record KnownAccount(String id, @Nullable String userName, @Nullable String email) {

    /** The value a filter on {@code attribute} is asked for, or null when the account has no address there. */
    @Nullable
    String valueFor(String attribute) {
        return attribute.equalsIgnoreCase("userName") ? userName : email;
    }

    /** The address to name the account by in messages. */
    public String address() {
        return email != null ? email : userName != null ? userName : id;
    }
}
