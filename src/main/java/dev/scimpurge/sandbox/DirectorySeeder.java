package dev.scimpurge.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Builds the reproducible initial population of the sandbox from {@link SandboxSettings}, dressed the way the
 * settings' personality holds its users.
 */
final class DirectorySeeder {

    static final String USER_TYPE = "Registered";
    static final String ENTITLEMENT = "workspace-1";

    private final SandboxSettings settings;
    private final Personality personality;

    DirectorySeeder(SandboxSettings settings) {
        this(settings, settings.behaviour());
    }

    DirectorySeeder(SandboxSettings settings, Personality personality) {
        this.settings = settings;
        this.personality = personality;
    }

    List<SandboxUser> users() {
        // java.util.Random is specified to produce the same sequence for the same seed on every JVM.
        Random random = new Random(settings.seed());
        List<String> ids = uniqueIds(random);
        Set<Integer> deactivated = deactivatedPositions(random);
        List<SandboxUser> users = new ArrayList<>(settings.users());
        for (int position = 0; position < settings.users(); position++) {
            String address = "user%05d@example.test".formatted(position + 1);
            SandboxUser plain = new SandboxUser(ids.get(position), address, List.of(address),
                    !deactivated.contains(position), USER_TYPE, List.of(ENTITLEMENT));
            users.add(personality.dress(plain, position));
        }
        return users;
    }

    void seed(SandboxDirectory directory) {
        users().forEach(directory::add);
    }

    private List<String> uniqueIds(Random random) {
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(settings.users());
        while (ids.size() < settings.users()) {
            String id = personality.newUserId(random, ids.size());
            if (seen.add(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Exactly round(users * fraction) positions, scattered through the list by a seeded shuffle. */
    private Set<Integer> deactivatedPositions(Random random) {
        int count = (int) Math.round(settings.users() * settings.deactivatedFraction());
        List<Integer> positions = new ArrayList<>(IntStream.range(0, settings.users()).boxed().toList());
        Collections.shuffle(positions, random);
        return new HashSet<>(positions.subList(0, count));
    }
}
