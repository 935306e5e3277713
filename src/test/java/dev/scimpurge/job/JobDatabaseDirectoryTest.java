package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobStore;
import dev.scimpurge.support.Workspace;

/**
 * The H2 job database's directory: while a purge runs, H2's lock file there holds the port and key
 * of its database server, so a directory scim-purge creates is its owner's only, and an existing one
 * that other users can look into is warned about (and left as its owner made it).
 */
class JobDatabaseDirectoryTest {

    private static final String TOKEN = "directory-token-3f0a";
    private static final String WARNING = "WARNING: other users can read or enter the job database directory";

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(10).withToken(TOKEN), 0);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private CliResult purgeOneUser(Path database) {
        Workspace workspace = new Workspace(dir, JobStore.h2File(database)).env("SCIM_TOKEN", TOKEN);
        Path csv = workspace.file("one.csv", "user00001@example.test\n");
        return workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString());
    }

    private static String permissions(Path directory) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(directory));
    }

    private static Path directoryWith(Path directory, String permissions) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));
        return directory;
    }

    @Test
    void aMissingDirectoryIsCreatedForItsOwnerOnly() throws IOException {
        Path database = dir.resolve("state/scim-purge/jobs");

        CliResult purge = purgeOneUser(database);

        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(database.resolveSibling("jobs.mv.db")).isRegularFile();
        assertThat(permissions(database.getParent())).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve("state"))).as("a missing parent too").isEqualTo("rwx------");
        assertThat(purge.err()).doesNotContain(WARNING);
    }

    @Test
    void anExistingDirectoryOpenToOthersIsLeftAsItIsWithOneWarning() throws IOException {
        Path shared = directoryWith(dir.resolve("shared"), "rwxr-xr-x");

        CliResult purge = purgeOneUser(shared.resolve("jobs"));

        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(permissions(shared)).isEqualTo("rwxr-xr-x");
        List<String> warnings = purge.all().lines().filter(line -> line.contains(WARNING)).toList();
        assertThat(warnings).hasSize(1).first().asString()
                .contains(shared + " (rwxr-xr-x)").endsWith("chmod 700 " + shared);
        assertThat(purge.all()).doesNotContain(TOKEN);
        assertThat(sandbox.directory().size()).as("the warning does not stop the run").isEqualTo(9);
    }

    @Test
    void onlyAnOwnerOnlyDirectoryGoesWithoutAWarning() throws IOException {
        for (String permissions : List.of("rwx------", "rwxr-x---", "rwx--x--x", "rwx---r--")) {
            Path directory = directoryWith(dir.resolve(permissions.replace('-', '_')), permissions);
            Workspace workspace = new Workspace(dir, JobStore.h2File(directory.resolve("jobs")));

            CliResult abandon = workspace.command("abandon", "1");

            assertThat(abandon.exitCode()).as(abandon.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(permissions(directory)).isEqualTo(permissions);
            if (permissions.equals("rwx------")) {
                assertThat(abandon.err()).as(permissions).doesNotContain(WARNING);
            } else {
                assertThat(abandon.err()).as(permissions).containsOnlyOnce(WARNING).contains("(" + permissions + ")");
            }
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAUsageErrorBeforeAnyRequest() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("state"), "a file where the directory should go");

        CliResult purge = purgeOneUser(notADirectory.resolve("jobs/scim-purge"));

        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(purge.err()).contains("cannot create the job database directory " + notADirectory.resolve("jobs"));
        assertThat(purge.showsStackTrace()).isFalse();
        assertThat(sandbox.requests().count("GET") + sandbox.requests().count("DELETE")).isZero();
    }
}
