package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** generic: reads /ServiceProviderConfig once and adapts to a server that cannot filter (and says so). */
class GenericProviderTest {

    @TempDir
    Path dir;

    private SandboxScimServer server;
    private Workspace workspace;

    @BeforeEach
    void start() {
        server = SandboxScimServer.start(SandboxSettings.defaults().withUsers(60).withDeactivatedFraction(0.25).withToken("spc"), 0);
        server.faults().rejectFilters(true);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "spc");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aServerWithoutFilteringIsListedInsteadOfFiltered() {
        CliResult result = workspace.purge("--url", server.baseUrl().toString(), "--deactivated");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(server.directory().deactivated()).isEmpty();
        assertThat(server.requests().lines()).filteredOn(l -> l.contains("ServiceProviderConfig")).hasSize(1);
        assertThat(server.requests().lines()).noneMatch(l -> l.contains("filter="));
    }

    @Test
    void addressesAreMatchedInTheDirectoryWhenTheServerCannotFilter() {
        String id = server.directory().byEmail("user00007@example.test").orElseThrow().id();

        CliResult result = workspace.purge("--url", server.baseUrl().toString(),
                "--csv", workspace.file("u.csv", "USER00007@example.test\nnobody@example.test\n").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(server.directory().contains(id)).isFalse();
        assertThat(server.requests().lines()).as("the probe tries the filters on a known account; no input address is filtered")
                .noneMatch(l -> l.contains("filter=") && (l.contains("user00007") || l.contains("nobody")));
        assertThat(workspace.queryValue(String.class, "SELECT LOOKUP FROM PURGE_EXECUTION")).isEqualTo("directory");
        assertThat(workspace.outcomeCounts()).containsEntry("DELETED", 1L).containsEntry("NOT_FOUND", 1L);
    }
}
