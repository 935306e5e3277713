package dev.scimpurge.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The users the sandbox serves. Thread-safe; iteration follows insertion order, which keeps paging stable. Keeps each
 * user's {@code meta.created} and {@code meta.lastModified} as a server does: set on adding, and on every change.
 */
public final class SandboxDirectory {

    private final Map<String, SandboxUser> usersById = new LinkedHashMap<>();
    private final Clock clock;

    public SandboxDirectory() {
        this(Clock.systemUTC());
    }

    public SandboxDirectory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the user, for chaining
     * @throws IllegalArgumentException when a user with that id already exists
     */
    public synchronized SandboxUser add(SandboxUser user) {
        Objects.requireNonNull(user, "user");
        if (usersById.containsKey(user.id())) {
            throw new IllegalArgumentException("a user with id " + user.id() + " already exists");
        }
        Instant now = clock.instant();
        SandboxUser stamped = user.withMeta(user.created() == null ? now : user.created(),
                user.lastModified() == null ? (user.created() == null ? now : user.created()) : user.lastModified());
        usersById.put(user.id(), stamped);
        return stamped;
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
        SandboxUser changed = Objects.requireNonNull(change.apply(current), "updated user");
        if (!changed.id().equals(id)) {
            throw new IllegalArgumentException("an update must not change the id " + id);
        }
        SandboxUser updated = changed.withMeta(current.created(), changed.differsFrom(current) ? clock.instant() : current.lastModified());
        usersById.put(id, updated);
        return Optional.of(updated);
    }

    /**
     * Makes the user look last modified {@code ago} before now (and created no later), as if nothing had changed it since:
     * a deactivated user aged past a grace period. Not itself a modification.
     *
     * @return whether there is such a user
     */
    public synchronized boolean age(String id, Duration ago) {
        SandboxUser current = usersById.get(id);
        if (current == null) {
            return false;
        }
        Instant then = clock.instant().minus(ago);
        usersById.put(id, current.withMeta(current.created() != null && current.created().isBefore(then) ? current.created() : then, then));
        return true;
    }

    /** {@link #age} for every user. */
    public synchronized void ageAll(Duration ago) {
        List.copyOf(usersById.keySet()).forEach(id -> age(id, ago));
    }

    public synchronized void clear() {
        usersById.clear();
    }

    /** Ids in stable order; handy for assertions. */
    public synchronized List<String> ids() {
        return new ArrayList<>(usersById.keySet());
    }
}
