package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DirectorySeederTest {

    private static List<SandboxUser> seed(SandboxSettings settings) {
        return new DirectorySeeder(settings).users();
    }

    @Test
    void seedsTheRequestedUsersWithNumberedAddresses() {
        List<SandboxUser> users = seed(SandboxSettings.defaults());
        assertThat(users).hasSize(50);
        assertThat(users.get(0).userName()).isEqualTo("user00001@example.test");
        assertThat(users.get(0).emails()).containsExactly("user00001@example.test");
        assertThat(users.get(49).userName()).isEqualTo("user00050@example.test");
        assertThat(users).allSatisfy(user -> {
            assertThat(user.id()).matches("[0-9a-f]{24}");
            assertThat(user.userType()).isEqualTo("Registered");
            assertThat(user.entitlements()).containsExactly("workspace-1");
        });
        assertThat(users).extracting(SandboxUser::id).doesNotHaveDuplicates();
    }

    @Test
    void sameSeedSameDirectoryOtherSeedOtherIds() {
        SandboxSettings settings = SandboxSettings.defaults();
        assertThat(seed(settings)).isEqualTo(seed(settings));
        assertThat(seed(settings.withSeed(43)).get(0).id()).isNotEqualTo(seed(settings).get(0).id());
    }

    @Test
    void deactivatesTheRequestedShareSpreadThroughTheList() {
        List<SandboxUser> users = seed(SandboxSettings.defaults().withUsers(200).withDeactivatedFraction(0.25));
        List<Integer> inactivePositions = java.util.stream.IntStream.range(0, users.size())
                .filter(i -> !users.get(i).active()).boxed().toList();
        assertThat(inactivePositions).hasSize(50);
        // Not bunched at one end: both halves of the list hold some of them.
        assertThat(inactivePositions).anyMatch(i -> i < 100).anyMatch(i -> i >= 100);
    }

    @Test
    void everyPersonalitySeedsReproduciblyWithUniqueIdsAndTheRequestedShareDeactivated() {
        for (SandboxPersonality personality : SandboxPersonality.values()) {
            SandboxSettings settings = SandboxSettings.defaults().withUsers(300).withPersonality(personality);
            List<SandboxUser> users = seed(settings);
            assertThat(users).as(personality.name()).isEqualTo(seed(settings));
            assertThat(users).extracting(SandboxUser::id).as(personality.name()).doesNotHaveDuplicates();
            assertThat(users).filteredOn(user -> !user.active()).as(personality.name()).hasSize(60);
            assertThat(users.get(0).emails()).as(personality.name()).startsWith("user00001@example.test");
            assertThat(users.get(0).userName()).as("Slack's userName is a handle")
                    .isEqualTo(personality == SandboxPersonality.SLACK ? "user00001" : "user00001@example.test");
        }
    }

    @Test
    void edgeFractions() {
        assertThat(seed(SandboxSettings.defaults().withDeactivatedFraction(0))).allMatch(SandboxUser::active);
        assertThat(seed(SandboxSettings.defaults().withDeactivatedFraction(1))).noneMatch(SandboxUser::active);
        assertThat(seed(SandboxSettings.defaults().withUsers(0))).isEmpty();
    }
}
