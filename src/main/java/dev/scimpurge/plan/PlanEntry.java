package dev.scimpurge.plan;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One account of a plan, with what the run read for it: what a person approves, and what {@code --apply-plan} compares
 * the account with before removing it.
 *
 * @param email        the row's input (an address, or the account id of a listed user without one)
 * @param line         the row's line in the run's input file, where it came from one
 * @param names        the account's addresses and userName as the service gave them (empty: not read)
 * @param active       {@code active} as read (null: not read, a CSV row resolved by id, say)
 * @param lastModified {@code meta.lastModified} as read, ISO-8601 (null: not sent, or not read)
 */
public record PlanEntry(String accountId, @Nullable String email, @Nullable Long line, List<String> names, @Nullable Boolean active,
        @Nullable String lastModified) {

    public PlanEntry {
        names = List.copyOf(names);
    }
}
