package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * --provider aws-identity-center against the sandbox its profile describes: the listing pages by cursor (startIndex is
 * not supported), pages of at most 100, filters on userName, DELETE removes; with the default options.
 */
class AwsIdentityCenterProviderTest {

    @TempDir
    Path dir;

    private PlayedService played;
    private SandboxScimServer aws;

    @AfterEach
    void stop() {
        if (played != null) {
            played.close();
        }
    }

    private void start(SandboxSettings settings) {
        played = PlayedService.start("aws-identity-center", "aws-scim-access-token", settings);
        aws = played.server();
    }

    private Workspace workspace() {
        return played.workspace(new Workspace(dir));
    }

    private List<String> listings() {
        return aws.requests().lines().stream().filter(l -> l.startsWith("GET /sandbox-tenant/scim/v2/Users?")).toList();
    }

    @Test
    void aCsvPurgeDeletesTheLeaversFoundByUserNameAndNoOneElse() {
        start(SandboxSettings.defaults().withUsers(40).withDeactivatedFraction(0));
        List<SandboxUser> before = aws.directory().all();
        List<SandboxUser> targets = before.subList(5, 8);
        StringBuilder csv = new StringBuilder("email\n");
        targets.forEach(u -> csv.append(u.userName()).append('\n'));
        csv.append("gone@example.test\n");

        CliResult result = played.purge(new Workspace(dir), "--csv", workspace().file("leavers.csv", csv.toString()).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(targets).allSatisfy(t -> assertThat(aws.directory().find(t.id())).isEmpty());
        Set<String> targetIds = targets.stream().map(SandboxUser::id).collect(Collectors.toSet());
        assertThat(before).filteredOn(u -> !targetIds.contains(u.id()))
                .allSatisfy(u -> assertThat(aws.directory().find(u.id())).as("outside the input").hasValue(u));
        assertThat(aws.requests().count("DELETE")).isEqualTo(3);
        assertThat(aws.requests().count("PATCH")).isZero();
        assertThat(aws.requests().lines()).noneMatch(l -> l.contains("startIndex=")).noneMatch(l -> l.contains("/Bulk"));
        assertThat(listings()).filteredOn(l -> l.contains("filter=")).isNotEmpty().allMatch(l -> l.contains("filter=userName%20eq"));
        assertThat(workspace().outcomeRows()).anyMatch(row -> row.contains("gone@example.test|NOT_FOUND|email_not_found"));
        assertThat(workspace().outcomeCounts()).isEqualTo(Map.of("DELETED", 3L, "NOT_FOUND", 1L));
    }

    @Test
    void aDeactivatedRunPagesTheDirectoryByCursorToItsEnd() {
        start(SandboxSettings.defaults().withUsers(250).withDeactivatedFraction(0.2));
        List<SandboxUser> deactivated = aws.directory().deactivated();
        List<SandboxUser> active = aws.directory().all().stream().filter(SandboxUser::active).toList();
        assertThat(deactivated).as("deactivated users past the first page of 100").hasSizeGreaterThan(20);

        CliResult result = played.purge(new Workspace(dir), "--deactivated");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deactivated).allSatisfy(u -> assertThat(aws.directory().find(u.id())).isEmpty());
        assertThat(active).allSatisfy(u -> assertThat(aws.directory().find(u.id())).hasValue(u));
        assertThat(aws.requests().lines()).noneMatch(l -> l.contains("startIndex=")).noneMatch(l -> l.contains("filter=active"));
        assertThat(listings()).as("the first page asks with an empty cursor, the later ones with the nextCursor answered")
                .anyMatch(l -> l.contains("?cursor&count=100"))
                .filteredOn(l -> l.contains("cursor=")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(listings()).allSatisfy(l -> assertThat(l).doesNotContainPattern("count=(10[1-9]|1[1-9]\\d|[2-9]\\d\\d|\\d{4})"));
        assertThat(workspace().outcomeCounts()).isEqualTo(Map.of("DELETED", (long) deactivated.size()));
    }

    @Test
    void theDirectoryCopyIsRefusedForACursorListingAndNothingIsRemoved() {
        start(SandboxSettings.defaults().withUsers(12).withDeactivatedFraction(0));
        SandboxUser target = aws.directory().all().get(2);

        CliResult result = played.purge(new Workspace(dir), "--lookup", "directory",
                "--csv", workspace().file("leavers.csv", "email\n" + target.userName() + "\n").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("pages by cursor").contains("--lookup filter");
        assertThat(aws.directory().find(target.id())).hasValue(target);
        assertThat(aws.requests().count("DELETE")).isZero();
    }

    @Test
    void theDeactivateRemovalPatchesActiveAlone() {
        start(SandboxSettings.defaults().withUsers(12).withDeactivatedFraction(0));
        SandboxUser target = aws.directory().all().get(3);

        CliResult result = played.purge(new Workspace(dir), "--removal", "deactivate",
                "--csv", workspace().file("leavers.csv", "email\n" + target.userName() + "\n").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(aws.directory().find(target.id())).hasValueSatisfying(now -> assertThat(now.active()).isFalse());
        assertThat(aws.requests().count("DELETE")).isZero();
        assertThat(aws.requests().count("PATCH")).isEqualTo(1);
    }

    @Test
    void aRehearsalPlaysTheProfilesOwnSandbox() {
        CliResult result = new Workspace(dir).purge("--sandbox", "--provider", "aws-identity-center", "--deactivated",
                "--sandbox-users", "10");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).contains("Sandbox SCIM server (aws-identity-center) with 10 users at http://127.0.0.1:")
                .contains("/sandbox-tenant/scim/v2");
        assertThat(new Workspace(dir).outcomeCounts()).isEqualTo(Map.of("DELETED", 2L));
    }
}
