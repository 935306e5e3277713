package dev.scimpurge.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The users the sandbox serves. Thread-safe; iteration follows insertion order, which keeps paging stable. */
public final class SandboxDirectory {

    private final Map<String, SandboxUser> usersById = new LinkedHashMap<>();

    /**
     * @return the user, for chaining
     * @throws IllegalArgumentException when a user with that id already exists
     */
    public synchronized SandboxUser add(SandboxUser user) {
        Objects.requireNonNull(user, "user");
        if (usersById.containsKey(user.id())) {
            throw new IllegalArgumentException("a user with id " + user.id() + " already exists");
        }
        usersById.put(user.id(), user);
        return user;
    }

    public synchronized Optional<SandboxUser> find(String id) {
        return Optional.ofNullable(usersById.get(id));
    }

    public synchronized boolean contains(String id) {
        return usersById.containsKey(id);
    }

    /** A snapshot in stable (insertion) order. */
    public synchronized List<SandboxUser> all() {
        return List.copyOf(usersById.values());
    }

    public synchronized int size() {
        return usersById.size();
    }

    public synchronized List<SandboxUser> deactivated() {
        return usersById.values().stream().filter(user -> !user.active()).toList();
    }

    /** The first user, in stable order, whose emails or userName equal {@code email} ignoring case. */
    public synchronized Optional<SandboxUser> byEmail(String email) {
        Objects.requireNonNull(email, "email");
        return usersById.values().stream().filter(user -> user.hasAddress(email)).findFirst();
    }

    /** @return whether a user was removed */
    public synchronized boolean remove(String id) {
        return usersById.remove(id) != null;
    }

    /**
     * Atomically replaces a user with {@code change(user)}, keeping its position. If {@code change} throws,
     * the user is left untouched. The id must not change.
     *
     * @return the updated user, or empty when there is no user with that id
     */
    public synchronized Optional<SandboxUser> update(String id, UnaryOperator<SandboxUser> change) {
        SandboxUser current = usersById.get(id);
        if (current == null) {
            return Optional.empty();
        }
        SandboxUser updated = Objects.requireNonNull(change.apply(current), "updated user");
        if (!updated.id().equals(id)) {
            throw new IllegalArgumentException("an update must not change the id " + id);
        }
        usersById.put(id, updated);
        return Optional.of(updated);
    }

    public synchronized void clear() {
        usersById.clear();
    }

    /** Ids in stable order; handy for assertions. */
    public synchronized List<String> ids() {
        return new ArrayList<>(usersById.keySet());
    }
}
