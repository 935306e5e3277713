package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

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

/** --provider salesforce against the sandbox its profile describes: deactivation by PATCH, users kept, pages of 200. */
class SalesforceProviderTest {

    private static final Pattern COUNT = Pattern.compile("[?&]count=(\\d+)");

    @TempDir
    Path dir;

    private PlayedService played;
    private SandboxScimServer salesforce;

    @AfterEach
    void stop() {
        if (played != null) {
            played.close();
        }
    }

    private void start(SandboxSettings settings) {
        played = PlayedService.start("salesforce", "00D-test", settings);
        salesforce = played.server();
    }

    private CliResult purge(String... more) {
        return played.purge(new Workspace(dir), more);
    }

    @Test
    void deactivatesByPatchAndKeepsTheUsers() {
        start(SandboxSettings.defaults().withUsers(10));
        List<SandboxUser> targets = salesforce.directory().all().stream().filter(SandboxUser::active).limit(3).toList();
        StringBuilder csv = new StringBuilder();
        targets.forEach(u -> csv.append(u.emails().get(0)).append('\n'));

        CliResult result = purge("--csv", new Workspace(dir).file("leavers.csv", csv.toString()).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(salesforce.requests().count("DELETE")).isZero();
        assertThat(salesforce.requests().lines()).filteredOn(l -> l.startsWith("PATCH "))
                .hasSize(3).allMatch(l -> l.startsWith("PATCH /services/scim/v2/Users/005"));
        assertThat(targets).allSatisfy(t -> assertThat(salesforce.directory().find(t.id()))
                .hasValueSatisfying(now -> assertThat(now.active()).isFalse()));
        assertThat(salesforce.directory().size()).as("Salesforce keeps deactivated users").isEqualTo(10);
        assertThat(result.out()).containsPattern("deactivated\\s+3").doesNotContain("00D-test");
    }

    @Test
    void aDeactivatedRunPagesTheOrgAtMost200AUserWithoutAnActiveFilter() {
        start(SandboxSettings.defaults().withUsers(450).withDeactivatedFraction(0.1));
        long deactivated = salesforce.directory().deactivated().size();
        String property = "scim-purge.job.list-page-size";
        System.setProperty(property, "500");
        CliResult result;
        try {
            result = purge("--deactivated");
        } finally {
            System.clearProperty(property);
        }

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        List<String> listings = salesforce.requests().lines().stream().filter(l -> l.startsWith("GET /services/scim/v2/Users?")).toList();
        assertThat(listings).noneMatch(l -> l.contains("filter=")).allSatisfy(l -> {
            Matcher count = COUNT.matcher(l);
            assertThat(count.find()).as(l).isTrue();
            assertThat(Integer.parseInt(count.group(1))).as(l).isLessThanOrEqualTo(200);
        });
        assertThat(salesforce.requests().count("PATCH")).isEqualTo(deactivated);
        assertThat(new Workspace(dir).outcomeCounts()).isEqualTo(Map.of("DELETED", deactivated));
    }

    @Test
    void aRehearsalPlaysTheProfilesOwnSandbox() {
        CliResult result = new Workspace(dir).purge("--sandbox", "--provider", "salesforce", "--deactivated", "--sandbox-users", "10");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Sandbox SCIM server (salesforce) with 10 users at http://127.0.0.1:")
                .contains("/services/scim/v2");
        assertThat(new Workspace(dir).outcomeCounts()).isEqualTo(Map.of("DELETED", 2L));
    }
}
