package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;

/** purge --keep-only: reconciliation against a list of the people to keep, over real HTTP against the sandbox. */
class KeepOnlyTest {

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        // 20 users, served 7 a page: the directory is read over several pages
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withToken("keep-token"), 0);
        sandbox.faults().capPageSize(7);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "keep-token");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliResult purge(Path keep, String... more) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.baseUrl().toString(), "--keep-only", keep.toString()));
        args.addAll(List.of(more));
        return workspace.purge(args.toArray(String[]::new));
    }

    private String idOf(int n) {
        return sandbox.directory().byEmail(address(n)).orElseThrow().id();
    }

    private static String address(int n) {
        return "user%05d@example.test".formatted(n);
    }

    @Test
    void removesExactlyTheAccountsNotListedAndNeverOneOnTheList() {
        SandboxUser bot = sandbox.directory().add(new SandboxUser("svc-bot", "build-bot", List.of(), true, null, List.of()));
        SandboxUser listedBot = sandbox.directory().add(new SandboxUser("svc-deploy", "deploy", List.of(), true, null, List.of()));
        StringBuilder keep = new StringBuilder("Email,Name\n");
        for (int n = 1; n <= 14; n++) {
            keep.append(n % 2 == 0 ? address(n).toUpperCase() : address(n)).append(",Person ").append(n).append('\n');
        }
        keep.append(idOf(15)).append(",by account id\n").append("svc-deploy,a service account kept by id\n")
                .append("left@example.test,someone without an account\n");
        Path list = workspace.file("hr-export.csv", keep.toString());
        List<String> removed = List.of(idOf(16), idOf(17), idOf(18), idOf(19), idOf(20));

        CliResult dryRun = purge(list, "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().count("DELETE")).isZero();
        JsonNode plan = workspace.latestPlanReport();
        assertThat(plan.get("would_remove")).hasSize(5);
        assertThat(plan.get("would_remove").findValuesAsString("account_id")).containsExactlyInAnyOrderElementsOf(removed);
        assertThat(plan.get("not_removed")).hasSize(1);
        assertThat(plan.get("not_removed").get(0).get("account_id").asString()).isEqualTo("svc-bot");
        assertThat(plan.get("not_removed").get(0).get("outcome").asString()).isEqualTo("kept_no_address");

        CliResult result = purge(list);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(5);
        removed.forEach(id -> assertThat(sandbox.directory().contains(id)).as(id).isFalse());
        for (int n = 1; n <= 15; n++) {
            assertThat(sandbox.directory().contains(idOf(n))).as("listed user %d", n).isTrue();
        }
        assertThat(sandbox.directory().contains(bot.id())).as("no address: left alone").isTrue();
        assertThat(sandbox.directory().contains(listedBot.id())).isTrue();
        assertThat(sandbox.directory().size()).isEqualTo(17);
        long execution = workspace.lastExecution().orElseThrow().id();
        assertThat(workspace.queryStrings("SELECT OUTCOME || '|' || REASON || '|' || ACCOUNT_ID FROM PURGE_OUTCOME "
                + "WHERE JOB_EXECUTION_ID = ? ORDER BY ACCOUNT_ID", execution)).as("every row of the directory not listed, one outcome each")
                .containsExactlyInAnyOrder("KEPT_NO_ADDRESS|no_address|svc-bot", "DELETED|removed|" + removed.get(0),
                        "DELETED|removed|" + removed.get(1), "DELETED|removed|" + removed.get(2), "DELETED|removed|" + removed.get(3),
                        "DELETED|removed|" + removed.get(4));
        assertThat(result.out()).containsPattern("read\\s+6").containsPattern("deleted\\s+5").containsPattern("no address\\s+1");
    }

    @Test
    void aListThatMatchesTooLittleOfTheDirectoryIsRefusedBeforeAnythingIsPlanned() {
        Path cut = workspace.file("cut.csv", address(1) + "\n" + address(2) + "\n" + address(3) + "\n");

        CliResult refused = purge(cut);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(refused.err()).contains("names 3 of the directory's 20 accounts (15.0%), less than --keep-only-min-match 50")
                .contains("17 accounts removed").doesNotContain("Exception");
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_CANDIDATE")).isZero();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_OUTCOME")).isZero();

        CliResult empty = purge(workspace.file("empty.csv", "Email\n"));
        assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(sandbox.directory().size()).isEqualTo(20);

        CliResult stillLimited = purge(cut, "--keep-only-min-match", "10", "--max-deletes", "5");
        assertThat(stillLimited.exitCode()).as("the other guards apply: 17 planned, more than --max-deletes 5")
                .isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(sandbox.requests().count("DELETE")).isZero();

        CliResult released = purge(cut, "--keep-only-min-match", "10", "--max-deletes", "17");
        assertThat(released.exitCode()).as(released.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().size()).isEqualTo(3);
        assertThat(sandbox.directory().byEmail(address(1))).isPresent();
    }

    @Test
    void aListOfAccountIdsJudgesAccountsWithoutAnAddressToo() {
        sandbox.directory().add(new SandboxUser("svc-orphan", "old-bot", List.of(), true, null, List.of()));
        StringBuilder ids = new StringBuilder();
        for (int n = 1; n <= 18; n++) {
            ids.append(idOf(n)).append('\n');
        }
        CliResult result = purge(workspace.file("ids.csv", ids.toString()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().contains("svc-orphan")).isFalse();
        assertThat(sandbox.directory().size()).isEqualTo(18);
        assertThat(workspace.outcomeCounts()).containsExactlyEntriesOf(java.util.Map.of("DELETED", 3L));
    }

    @Test
    void aKeepListWithALineThatCannotBeReadStopsTheRunBeforeAnythingIsRemoved() {
        Path list = workspace.file("long.csv", address(1) + "\n" + "x".repeat(5000) + "@example.test\n" + address(2) + "\n");

        CliResult result = purge(list, "--keep-only-min-match", "0");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(result.err()).contains("line 2 is longer than 4096 characters; nothing was removed");
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_CANDIDATE")).isZero();
    }

    @Test
    void aRemovalThatTakesAccountIdsRefusesAKeepListBeforeAnything() {
        CliResult result = workspace.purge("--sandbox", "--provider", "atlassian", "--only-delete-in-db",
                "--keep-only", workspace.file("keep.csv", address(1) + "\n").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("takes a CSV of account ids (--csv), not --keep-only");
        assertThat(result.out()).as("refused before the run starts").doesNotContain("Purging");
    }
}
