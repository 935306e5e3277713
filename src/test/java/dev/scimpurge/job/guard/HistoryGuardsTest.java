package dev.scimpurge.job.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guards that know the history (--max-growth, --max-shrink-percent, --max-jump-percent): the history is made by
 * running the real job, night after night, against a sandbox whose users are deactivated between the runs.
 */
class HistoryGuardsTest {

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private String url;
    private int night;

    @BeforeEach
    void start() {
        sandbox = startSandbox();
        workspace = new Workspace(dir).env("SCIM_TOKEN", "h");
        url = sandbox.baseUrl().toString();
    }

    private static SandboxScimServer startSandbox() {
        return SandboxScimServer.start(SandboxSettings.defaults().withUsers(60).withDeactivatedFraction(0).withToken("h"), 0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Deactivates {@code count} more active users of the sandbox. */
    private static void deactivate(SandboxScimServer server, int count) {
        List<SandboxUser> active = server.directory().all().stream().filter(SandboxUser::active).limit(count).toList();
        assertThat(active).hasSize(count);
        active.forEach(user -> server.directory().update(user.id(), u -> u.withActive(false)));
    }

    /** One night: {@code count} users deactivated since the last, then the nightly --deactivated run, with its own run id. */
    private CliResult night(SandboxScimServer server, int count, String... more) {
        deactivate(server, count);
        return nightly(server, more);
    }

    private CliResult nightly(SandboxScimServer server, String... more) {
        night++;
        return workspace.purge(Stream.concat(Stream.of("--url", server.baseUrl().toString(), "--deactivated", "--run-id", "night-" + night),
                Stream.of(more)).toArray(String[]::new));
    }

    /** The same run again: a continuation of the latest night. */
    private CliResult sameNightAgain(String... more) {
        night--;
        return nightly(sandbox, more);
    }

    private void quietNights(SandboxScimServer server, int nights) {
        for (int i = 0; i < nights; i++) {
            CliResult result = night(server, 2);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        }
    }

    private int deletes() {
        return sandbox.requests().count("DELETE");
    }

    private JsonNode planReport() throws Exception {
        try (Stream<Path> files = Files.list(workspace.reports())) {
            Path plan = files.filter(f -> f.getFileName().toString().startsWith("planned_deletions_")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no plan report"));
            return JsonMapper.builder().build().readTree(Files.readString(plan));
        }
    }

    @Test
    void aNightThatPlansFarMoreThanTheUsualIsRefusedUntilTheLimitIsRaised() throws Exception {
        quietNights(sandbox, 5);
        deactivate(sandbox, 12);
        int deletesBefore = deletes();

        CliResult rehearsal = nightly(sandbox, "--dry-run");
        assertThat(rehearsal.exitCode()).as("the dry run predicts the refusal: " + rehearsal).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(rehearsal.err()).contains("The real run would stop here")
                .contains("Planned 12 removals, 6.0x the median 2 of the last 5 completed runs of " + url + "; limit 3x (--max-growth).");

        CliResult refused = nightly(sandbox);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(refused.err()).contains("Planned 12 removals, 6.0x the median 2 of the last 5 completed runs of " + url)
                .contains("Also exceeded: --max-jump-percent").contains("run the same command again with --max-growth 6");
        assertThat(deletes()).isEqualTo(deletesBefore);
        JsonNode plan = planReport();
        assertThat(plan.get("status").asString()).isEqualTo("refused");
        assertThat(plan.get("refused_by").asString()).isEqualTo("max_growth");
        assertThat(plan.get("to_proceed").asString()).contains("--max-growth 6");
        assertThat(plan.get("would_remove")).hasSize(12);

        CliResult stillRefused = sameNightAgain("--max-growth", "6");
        assertThat(stillRefused.exitCode()).as(stillRefused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(stillRefused.err()).contains("The service lists 12 deactivated users, 500.0% more than the 2 at the previous completed run of "
                + url).contains("limit 200% (--max-jump-percent)").contains("--max-jump-percent 500");
        assertThat(deletes()).isEqualTo(deletesBefore);

        CliResult released = sameNightAgain("--max-growth", "6", "--max-jump-percent", "500");
        assertThat(released.exitCode()).as(released.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deletes()).isEqualTo(deletesBefore + 12);
        assertThat(sandbox.directory().deactivated()).isEmpty();
    }

    @Test
    void fewerThanFiveEarlierRunsAreNoHistoryToGrowFrom() {
        quietNights(sandbox, 4);

        CliResult big = night(sandbox, 12, "--max-jump-percent", "none");

        assertThat(big.exitCode()).as(big.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
    }

    @Test
    void anotherTargetsHistoryDoesNotCount() {
        quietNights(sandbox, 5);
        try (SandboxScimServer other = startSandbox()) {
            CliResult first = night(other, 12);

            assertThat(first.exitCode()).as("the other target has no history: " + first).isEqualTo(ExitCodes.SUCCESS);
            assertThat(other.directory().deactivated()).isEmpty();
        }
    }

    /** Each of the refused, the failed and the dry run would be the fifth run that the growth guard needs. */
    @Test
    void refusedFailedAndDryRunsAreNotCompletedRuns() {
        quietNights(sandbox, 4);
        CliResult refused = night(sandbox, 2, "--max-deletes", "1");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        sandbox.faults().onRoute("DELETE", ".*", RouteFault.Canned.json(401, "{\"detail\": \"token revoked\"}"));
        CliResult failed = nightly(sandbox);
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        sandbox.faults().clearRouteFaults();
        CliResult rehearsal = nightly(sandbox, "--dry-run");
        assertThat(rehearsal.exitCode()).as(rehearsal.toString()).isEqualTo(ExitCodes.SUCCESS);
        // the refused execution's figures went with its guard step's transaction; the failed one passed the guards
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_EXECUTION WHERE GUARD_PLANNED = 2")).as("the failed run's figures")
                .isEqualTo(4 + 1);

        CliResult big = night(sandbox, 10, "--max-jump-percent", "none");

        assertThat(big.exitCode()).as("4 completed runs only: " + big).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).as("the refused night's 2 too, in a run of their own").isEmpty();
    }

    @Test
    void aRunOfTheFloorOrFewerIsNeverRefusedByTheHistory() {
        quietNights(sandbox, 5);

        CliResult atTheFloor = night(sandbox, 10);

        assertThat(atTheFloor.exitCode()).as(atTheFloor.toString()).isEqualTo(ExitCodes.SUCCESS);
    }

    @Test
    void aDirectoryThatShrankByHalfSinceThePreviousRunIsRefused() {
        quietNights(sandbox, 1);
        List<SandboxUser> active = sandbox.directory().all().stream().filter(SandboxUser::active).toList();
        active.subList(0, 40).forEach(user -> sandbox.directory().remove(user.id()));

        CliResult refused = night(sandbox, 12, "--max-jump-percent", "none");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(refused.err()).containsPattern("The directory lists 18 users, 70\\.0% fewer than the 60 at the previous completed run of "
                + java.util.regex.Pattern.quote(url) + " \\(execution \\d+\\), and 12 removals are planned; limit 50% \\(--max-shrink-percent\\)\\.")
                .contains("--max-shrink-percent 70");
        assertThat(sandbox.directory().deactivated()).hasSize(12);
    }

    @ParameterizedTest
    @EnumSource(JobDatabaseKind.class)
    void theHistoryIsKeptOnEachJobDatabase(JobDatabaseKind kind) {
        Path root = dir.resolve(kind.name());
        workspace = new Workspace(root, kind.create(root)).env("SCIM_TOKEN", "h");
        quietNights(sandbox, 5);

        CliResult refused = night(sandbox, 12);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(refused.err()).contains("Planned 12 removals, 6.0x the median 2 of the last 5 completed runs of " + url);
    }

    /** A job database of the previous version, without the columns: they are added, and its executions are no history. */
    @Test
    void aJobDatabaseOfThePreviousVersionGetsTheColumns() {
        quietNights(sandbox, 5);
        List<String> olderSchema = new ArrayList<>(List.of("DROP INDEX PURGE_EXECUTION_GUARD_TARGET"));
        for (String column : List.of("GUARD_TARGET_KEY", "GUARD_SOURCE", "GUARD_PLANNED", "GUARD_DIRECTORY_SIZE", "GUARD_DEACTIVATED")) {
            olderSchema.add("ALTER TABLE PURGE_EXECUTION DROP COLUMN " + column);
        }
        workspace.asAnEarlierVersionLeftIt(olderSchema.toArray(String[]::new));

        CliResult big = night(sandbox, 12);

        assertThat(big.exitCode()).as("the older runs recorded no figures: " + big).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_EXECUTION WHERE GUARD_PLANNED = 12")).isEqualTo(1);
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_EXECUTION WHERE GUARD_PLANNED IS NULL")).isEqualTo(5);
    }

    /** The night that aNightThatPlansFarMoreThanTheUsual... refuses goes ahead with the limits a config file raises. */
    @Test
    void aConfigFileSetsTheHistoryLimits() {
        quietNights(sandbox, 5);
        Path config = workspace.file("nightly.yml", "scim-purge:\n  purge:\n    max-growth: 6\n    max-jump-percent: 500\n");

        CliResult big = night(sandbox, 12, "--config", config.toString());

        assertThat(big.exitCode()).as(big.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
    }
}
