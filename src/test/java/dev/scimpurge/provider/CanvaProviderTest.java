package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** --provider canva against the sandbox its profile describes: no DELETE, deprovision by PATCH, pages of 10, userName lookups. */
class CanvaProviderTest {

    private static final Pattern COUNT = Pattern.compile("[?&]count=(\\d+)");

    @TempDir
    Path dir;

    private PlayedService played;
    private SandboxScimServer canva;

    @AfterEach
    void stop() {
        if (played != null) {
            played.close();
        }
    }

    private void start(SandboxSettings settings) {
        played = PlayedService.start("canva", "canva-test", settings);
        canva = played.server();
    }

    private CliResult purge(String... more) {
        return played.purge(new Workspace(dir), more);
    }

    @Test
    void theSandboxHasNoDeleteAsCanvaDocuments() throws Exception {
        start(SandboxSettings.defaults().withUsers(3));
        SandboxUser user = canva.directory().all().get(0);

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(canva.baseUrl() + "/Users/" + user.id())).DELETE()
                .header("Authorization", "Bearer canva-test").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(501);
        assertThat(canva.directory().find(user.id())).hasValue(user);
    }

    @Test
    void theSandboxNamesTheListArrayAsCanvasReferenceSpellsIt() throws Exception {
        start(SandboxSettings.defaults().withUsers(3));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(canva.baseUrl() + "/Users?startIndex=1&count=10"))
                .header("Authorization", "Bearer canva-test").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"resources\":[").doesNotContain("\"Resources\"");
    }

    @Test
    void deprovisionsByPatchLookingUpByUserNameOnly() {
        start(SandboxSettings.defaults().withUsers(12));
        List<SandboxUser> targets = canva.directory().all().stream().filter(SandboxUser::active).limit(3).toList();
        StringBuilder csv = new StringBuilder("email\n");
        targets.forEach(u -> csv.append(u.userName()).append('\n'));
        csv.append("nobody@example.test\n");

        CliResult result = purge("--lookup", "filter", "--csv", new Workspace(dir).file("leavers.csv", csv.toString()).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(canva.requests().count("DELETE")).isZero();
        assertThat(canva.requests().count("PATCH")).isEqualTo(3);
        assertThat(targets).allSatisfy(t -> assertThat(canva.directory().find(t.id()))
                .hasValueSatisfying(now -> assertThat(now.active()).isFalse()));
        assertThat(canva.requests().lines()).filteredOn(l -> l.contains("filter=")).isNotEmpty()
                .allMatch(l -> l.contains("filter=userName%20eq"));
        assertThat(new Workspace(dir).outcomeRows()).anyMatch(row -> row.contains("nobody@example.test|NOT_FOUND|email_not_found"));
        assertThat(result.out()).containsPattern("deprovisioned\\s+3");
    }

    @Test
    void aDeactivatedRunPagesTheTeamTenUsersAPage() {
        start(SandboxSettings.defaults().withUsers(35).withDeactivatedFraction(0.2));
        long deactivated = canva.directory().deactivated().size();

        CliResult result = purge("--deactivated");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        List<String> listings = canva.requests().lines().stream().filter(l -> l.startsWith("GET /_scim/v2/Users?")).toList();
        assertThat(listings).noneMatch(l -> l.contains("filter=")).allSatisfy(l -> {
            Matcher count = COUNT.matcher(l);
            assertThat(count.find()).as(l).isTrue();
            assertThat(Integer.parseInt(count.group(1))).as(l).isLessThanOrEqualTo(10);
        });
        assertThat(listings).as("35 users in pages of 10").hasSizeGreaterThanOrEqualTo(4);
        assertThat(canva.requests().count("PATCH")).isEqualTo(deactivated);
        assertThat(new Workspace(dir).outcomeCounts()).isEqualTo(Map.of("DELETED", deactivated));
    }

    @Test
    void aRehearsalPlaysTheProfilesOwnSandbox() {
        CliResult result = new Workspace(dir).purge("--sandbox", "--provider", "canva", "--deactivated", "--sandbox-users", "10");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Sandbox SCIM server (canva) with 10 users at http://127.0.0.1:").contains("/_scim/v2");
        assertThat(new Workspace(dir).outcomeCounts()).isEqualTo(Map.of("DELETED", 2L));
    }
}
