package dev.scimpurge.job.collect;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How PURGE_CANDIDATE and PURGE_DIRECTORY keep an account's addresses and userName: one a line. A name that itself
 * holds a line break comes back as two names, which can only make a protection match more, never less.
 */
public final class AccountNames {

    private AccountNames() {
    }

    public static @Nullable String encode(List<String> names) {
        return names.isEmpty() ? null : String.join("\n", names);
    }

    public static List<String> decode(String stored) {
        return stored == null ? List.of() : List.of(stored.split("\n"));
    }
}
