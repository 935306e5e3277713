package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SandboxDirectoryTest {

    private final SandboxDirectory directory = new SandboxDirectory();

    private static SandboxUser user(String id, String email, boolean active) {
        return new SandboxUser(id, email, List.of(email), active, "Registered", List.of("workspace-1"));
    }

    @Test
    void keepsInsertionOrder() {
        directory.add(user("c", "c@x.test", true));
        directory.add(user("a", "a@x.test", false));
        directory.add(user("b", "b@x.test", true));
        assertThat(directory.all()).extracting(SandboxUser::id).containsExactly("c", "a", "b");
        assertThat(directory.size()).isEqualTo(3);
        assertThat(directory.deactivated()).extracting(SandboxUser::id).containsExactly("a");
    }

    @Test
    void rejectsDuplicateIds() {
        directory.add(user("a", "a@x.test", true));
        assertThatThrownBy(() -> directory.add(user("a", "other@x.test", true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(directory.find("a")).map(SandboxUser::userName).contains("a@x.test");
    }

    @Test
    void findsByEmailIgnoringCaseFirstMatchFirst() {
        directory.add(new SandboxUser("1", "first", List.of("Shared@X.test"), true, null, null));
        directory.add(new SandboxUser("2", "shared@x.test", List.of(), true, null, null));
        assertThat(directory.byEmail("SHARED@x.TEST")).map(SandboxUser::id).contains("1");
        assertThat(directory.byEmail("FIRST")).map(SandboxUser::id).contains("1");
        assertThat(directory.byEmail("nobody@x.test")).isEmpty();
    }

    @Test
    void updateKeepsThePositionAndIsAllOrNothing() {
        directory.add(user("a", "a@x.test", true));
        directory.add(user("b", "b@x.test", true));
        assertThat(directory.update("a", current -> current.withActive(false))).map(SandboxUser::active)
                .contains(false);
        assertThat(directory.ids()).containsExactly("a", "b");
        assertThatThrownBy(() -> directory.update("b", current -> {
            throw ScimException.invalidPath("nope");
        })).isInstanceOf(ScimException.class);
        assertThat(directory.find("b")).map(SandboxUser::active).contains(true);
        assertThat(directory.update("missing", current -> current)).isEmpty();
    }

    @Test
    void removeAnswersWhetherSomethingWasRemoved() {
        directory.add(user("a", "a@x.test", true));
        assertThat(directory.remove("a")).isTrue();
        assertThat(directory.remove("a")).isFalse();
        assertThat(directory.contains("a")).isFalse();
    }

    @Test
    void snapshotsAreUnaffectedByLaterChanges() {
        directory.add(user("a", "a@x.test", true));
        List<SandboxUser> snapshot = directory.all();
        directory.remove("a");
        assertThat(snapshot).hasSize(1);
    }

    @Test
    void concurrentAddsAndRemovesLoseNothing() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        IntStream.range(0, 2_000).forEach(i -> pool.execute(() -> {
            directory.add(user("id-" + i, i + "@x.test", true));
            if (i % 2 == 0) {
                directory.remove("id-" + i);
            }
        }));
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(directory.size()).isEqualTo(1_000);
        assertThat(directory.all()).allMatch(user -> Integer.parseInt(user.id().substring(3)) % 2 == 1);
    }
}
