package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * A 404 with scimType "sensitive" (Anaplan answers some filters that way) is a refusal, never "no such user": a lookup
 * falls back to the next filter, and a re-read refused that way removes nobody.
 */
class SensitiveRefusalTest {

    private static final String SENSITIVE = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
            + "\"detail\":\"Query filter involving 'emails' is restricted or confidential\",\"scimType\":\"sensitive\",\"status\":\"404\"}";

    @TempDir
    Path dir;

    private SandboxScimServer server;
    private Workspace workspace;

    @BeforeEach
    void start() {
        server = SandboxScimServer.start(SandboxSettings.defaults().withUsers(30).withDeactivatedFraction(0.2).withToken("tok"), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "tok");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aLookupFilterRefusedAsSensitiveFallsBackToTheNextFilter() {
        SandboxUser user = server.directory().all().stream().filter(SandboxUser::active).findFirst().orElseThrow();
        server.faults().onRoute("GET", ".*/Users", ".*filter=emails\\.value.*", RouteFault.Canned.json(404, SENSITIVE));

        CliResult result = workspace.purge("--url", server.baseUrl().toString(), "--lookup", "filter",
                "--csv", workspace.file("u.csv", user.userName() + "\n").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(server.directory().contains(user.id())).isFalse();
        assertThat(server.requests().lines()).anyMatch(l -> l.contains("filter=userName"));
    }

    @Test
    void aReReadRefusedAsSensitiveIsNotTakenForAGoneUserAndNothingIsRemoved() {
        SandboxUser deactivated = server.directory().deactivated().get(0);
        server.faults().onRoute("GET", ".*/Users/" + deactivated.id(), RouteFault.Canned.json(404, SENSITIVE));

        CliResult result = workspace.purge("--url", server.baseUrl().toString(), "--deactivated");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(server.directory().contains(deactivated.id())).isTrue();
        assertThat(server.requests().lines()).noneMatch(l -> l.equals("DELETE /scim/v2/Users/" + deactivated.id()));
        assertThat(workspace.outcomeRows()).anyMatch(row -> row.contains("|FAILED|lookup_failed|404"));
    }
}
