package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a run keeps its state when no --db or --report-dir says: under $XDG_STATE_HOME/scim-purge,
 * else $HOME/.local/state/scim-purge; never in the working directory. A job database at the old
 * default place, ~/.scim-purge, stays in use until the new place has one.
 */
class StateDirectoryTest {

    private static final String LEGACY_NOTE = "where earlier versions kept it";

    @TempDir
    Path dir;

    private static List<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Long> executionsInHistory(CliResult history) {
        assertThat(history.exitCode()).as(history.toString()).isZero();
        List<Long> executions = new java.util.ArrayList<>();
        JsonMapper.builder().build().readTree(history.out()).forEach(run -> executions.add(run.get("execution").asLong()));
        return executions;
    }

    /** In a JVM of its own, started in a directory of its own: what the run leaves there is all there is to see. */
    @Test
    void aRunKeepsItsDatabaseAndReportsUnderXdgStateHomeAndSaysWhereAtTheStart() throws Exception {
        Path workDir = Files.createDirectories(dir.resolve("clone"));
        Path state = dir.resolve("xdg-state");
        Workspace workspace = new Workspace(workDir).env("XDG_STATE_HOME", state.toString()).env("HOME", dir.resolve("home").toString());

        try (ScimPurgeProcess purge = workspace.startInAnotherJvm("purge", List.of("purge", "--sandbox", "--deactivated", "--yes"))) {
            assertThat(purge.awaitExit(Duration.ofSeconds(90))).as(purge.output()).isEqualTo(ExitCodes.SUCCESS);
            Path database = state.resolve("scim-purge/scim-purge.mv.db");
            Path reports = state.resolve("scim-purge/reports");
            assertThat(purge.output()).contains("Job database " + database + ", reports in " + reports + "\n");
            assertThat(database).isRegularFile();
            assertThat(namesIn(reports)).anyMatch(f -> f.startsWith("failed_deletions_")).anyMatch(f -> f.startsWith("run_summary_"));
            assertThat(namesIn(workDir)).as("nothing in the working directory but the test's own log").containsExactly("purge.log");
            assertThat(dir.resolve("home")).doesNotExist();
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("scim-purge")))).isEqualTo("rwx------");
            }
        }
        assertThat(executionsInHistory(workspace.run("history", "--format", "json"))).as("the readers find it too").containsExactly(1L);
    }

    @Test
    void withoutXdgStateHomeItIsUnderHomeAsTheEnvironmentSaysNotWhereJavaThinksHomeIs() throws IOException {
        Path home = dir.resolve("elsewhere");
        Workspace workspace = new Workspace(dir).env("HOME", home.toString());

        CliResult purge = workspace.run("purge", "--sandbox", "--deactivated", "--yes");

        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.SUCCESS);
        Path state = home.resolve(".local/state/scim-purge");
        assertThat(state.resolve("scim-purge.mv.db")).isRegularFile();
        assertThat(namesIn(state.resolve("reports"))).anyMatch(f -> f.startsWith("failed_deletions_"));
        assertThat(purge.out()).contains("Job database " + state.resolve("scim-purge.mv.db") + ", reports in " + state.resolve("reports"));
        assertThat(executionsInHistory(workspace.run("history", "--format", "json"))).containsExactly(1L);
        assertThat(workspace.run("audit", "--format", "csv").out().lines()).hasSize(11);
    }

    @Test
    void aJobDatabaseAtTheOldPlaceStaysInUseAndIsNamedOnceUntilTheNewPlaceHasOne() throws IOException {
        Path home = dir.resolve("home");
        Path legacy = home.resolve(".scim-purge/scim-purge");
        Workspace workspace = new Workspace(dir).env("HOME", home.toString());
        assertThat(workspace.run("purge", "--sandbox", "--deactivated", "--yes", "--db", legacy.toString()).exitCode())
                .isEqualTo(ExitCodes.SUCCESS);

        CliResult purge = workspace.run("purge", "--sandbox", "--deactivated", "--yes", "--run-id", "2");
        CliResult history = workspace.run("history", "--format", "json");

        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(purge.out()).contains("Job database " + legacy + ".mv.db, reports in " + home.resolve(".local/state/scim-purge/reports"));
        assertThat(purge.err().lines().filter(l -> l.contains(LEGACY_NOTE))).as(purge.err()).hasSize(1);
        assertThat(purge.err()).contains(legacy + ".mv.db").contains(home.resolve(".local/state/scim-purge").toString());
        assertThat(executionsInHistory(history)).as("one history, old and new runs").containsExactly(2L, 1L);
        assertThat(history.err()).contains(LEGACY_NOTE);
        assertThat(home.resolve(".local/state/scim-purge/scim-purge.mv.db")).doesNotExist();

        // Once the new place has a job database (the operator moved it there, say), that one is used.
        Files.move(legacy.resolveSibling("scim-purge.mv.db"), home.resolve(".local/state/scim-purge/scim-purge.mv.db"));
        Files.writeString(legacy.resolveSibling("scim-purge.mv.db"), "not a database");
        CliResult moved = workspace.run("history", "--format", "json");
        assertThat(executionsInHistory(moved)).containsExactly(2L, 1L);
        assertThat(moved.err()).doesNotContain(LEGACY_NOTE);
    }
}
