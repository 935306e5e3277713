package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.external.ExternalScimServer;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;

/** The job against an independent SCIM 2.0 implementation (not our sandbox), on loopback. */
class ExternalServerAcceptanceTest {

    @TempDir
    Path dir;

    private ExternalScimServer server;
    private Workspace workspace;

    @BeforeEach
    void start() {
        server = ExternalScimServer.start();
        workspace = new Workspace(dir).env("SCIM_TOKEN", server.token());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aCsvRunDeletesExactlyTheListedUsersThatExistAndReportsTheRest() {
        List<String> listed = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = server.createUser("login" + i, "person" + i + "@corp.example", true);
            (i % 4 == 0 ? listed : unlisted).add(id);
        }
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < 40; i += 4) {
            csv.append(i % 8 == 0 ? "Person" + i + "@CORP.example" : "person" + i + "@corp.example").append('\n');
        }
        csv.append("ghost@corp.example\nleft@corp.example\n");

        CliResult result = workspace.purge("--url", server.baseUrl().toString(), "--csv", workspace.file("u.csv", csv.toString()).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(listed).noneMatch(server::exists);
        assertThat(unlisted).allMatch(server::exists);
        assertThat(server.userCount()).isEqualTo(30);
        JsonNode report = workspace.latestReport();
        assertThat(StreamSupport.stream(report.spliterator(), false).map(e -> e.get("email").asString()))
                .containsExactly("ghost@corp.example", "left@corp.example");
        assertThat(StreamSupport.stream(report.spliterator(), false).map(e -> e.get("message").asString()))
                .containsOnly("User email address not found via SCIM API");
    }

    @Test
    void aDeactivatedRunOverMoreThanAThousandUsersDeletesEveryOneAndNoActiveUser() {
        List<String> active = new ArrayList<>();
        for (int i = 0; i < 1250; i++) {
            server.createUser("gone" + i, "gone" + i + "@corp.example", false);
        }
        for (int i = 0; i < 60; i++) {
            active.add(server.createUser("here" + i, "here" + i + "@corp.example", true));
        }

        CliResult result = workspace.purge("--url", server.baseUrl().toString(), "--deactivated", "--max-deletes", "1250");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(server.userCount(false)).isZero();
        assertThat(server.userCount(true)).isEqualTo(60);
        assertThat(active).allMatch(server::exists);
        assertThat(result.out()).containsPattern("deleted\\s+1250");
        assertThat(workspace.latestReport().get("status").asString()).isEqualTo("success");
    }
}
