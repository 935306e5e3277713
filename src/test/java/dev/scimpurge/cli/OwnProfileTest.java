package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * A provider profile of the operator's own, {@code config/providers/NAME.yml} in the working directory, as a new
 * operator writes one for a service scim-purge does not know: it is found and used, and a lookup it cannot do is
 * refused before the job starts, with a usage error rather than a failure deep inside the run.
 */
class OwnProfileTest {

    /** Looks addresses up by externalId, which the directory copy does not keep. */
    private static final String BY_EXTERNAL_ID = """
            name: byexternal
            description: A service that keeps the address in externalId
            url:
              scim-base: "{url}"
            auth: bearer
            lookup:
              filters: [externalId]
            deactivated:
              filter: active eq false
            removal:
              verb: deleted
              default-variant: delete
              variants:
                delete:
                  action: delete
            """;

    @TempDir
    Path dir;

    private SandboxScimServer server;
    private Workspace workspace;

    @BeforeEach
    void start() {
        server = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withDeactivatedFraction(0.5)
                .withToken("own-profile"), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "own-profile");
        workspace.file("config/providers/byexternal.yml", BY_EXTERNAL_ID);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aProfileInTheWorkingDirectoryIsUsed() throws Exception {
        try (ScimPurgeProcess purge = run("own", "--deactivated")) {
            assertThat(purge.awaitExit(Duration.ofSeconds(120))).as(purge.output()).isEqualTo(ExitCodes.SUCCESS);
        }
        assertThat(server.directory().size()).as("the ten deactivated users removed, the ten active kept").isEqualTo(10);
    }

    @Test
    void aDirectoryLookupTheProfileCannotUseIsAUsageErrorBeforeAnythingRuns() throws Exception {
        workspace.file("users.csv", "email\n" + server.directory().all().get(0).emails().get(0) + "\n");
        try (ScimPurgeProcess purge = run("directory", "--csv", dir.resolve("users.csv").toString(), "--lookup", "directory")) {
            assertThat(purge.awaitExit(Duration.ofSeconds(120))).as(purge.output()).isEqualTo(ExitCodes.USAGE);
            assertThat(purge.output().strip().lines().filter(line -> !line.startsWith("Run 'scim-purge purge --help'")))
                    .as("one line, and the pointer to --help").hasSize(1);
            assertThat(purge.output()).contains("--lookup directory").contains("externalId").contains("--lookup filter")
                    .doesNotContain("\tat ").doesNotContain("IllegalState");
        }
        assertThat(server.directory().size()).isEqualTo(20);
        assertThat(server.requests().count("DELETE")).isZero();
    }

    private ScimPurgeProcess run(String logName, String... args) {
        List<String> purge = new ArrayList<>(List.of("--url", server.baseUrl().toString(), "--provider", "byexternal"));
        purge.addAll(List.of(args));
        return workspace.startInAnotherJvm(logName, workspace.purgeArguments(purge.toArray(String[]::new)));
    }
}
