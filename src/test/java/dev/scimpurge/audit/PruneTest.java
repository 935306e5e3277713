package dev.scimpurge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.FailingRuns;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code history prune} after three real runs: job instance 1 (execution 1, a CSV), instance 2
 * (execution 2, the deactivated users) and instance 3 (execution 3 stopped on a rejected token,
 * execution 4 continued it).
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class PruneTest {

    @Parameter
    JobDatabaseKind database;


    private static final List<String> PRUNE = List.of("history", "prune");
    private static final List<String> VERIFY = List.of("audit", "verify");

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void runThreePurges() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(40).withDeactivatedFraction(0.25).withToken("good"), 0);
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "good");
        String url = sandbox.baseUrl().toString();
        assertThat(workspace.purge("--url", url, "--csv", workspace.file("a.csv", "user00001@example.test\nnobody@example.test\n").toString())
                .exitCode()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.purge("--url", url, "--deactivated").exitCode()).isEqualTo(ExitCodes.SUCCESS);
        for (String name : List.of("c1", "c2")) {
            sandbox.directory().add(new SandboxUser(name, name + "@example.test", List.of(name + "@example.test"), true, "Registered", List.of()));
        }
        Path c = workspace.file("c.csv", "c1@example.test\nc2@example.test\n");
        FailingRuns.revokeTheTokenAfterTheCheck(sandbox);
        assertThat(workspace.purge("--url", url, "--csv", c.toString()).exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        sandbox.faults().clearRouteFaults();
        assertThat(workspace.purge("--url", url, "--csv", c.toString()).exitCode()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.queryValue(Long.class, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = 3")).isEqualTo(2);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private void endedIn2020(long execution) {
        workspace.sql("UPDATE BATCH_JOB_EXECUTION SET START_TIME = TIMESTAMP '2020-06-01 10:00:00', "
                + "END_TIME = TIMESTAMP '2020-06-01 10:05:00' WHERE JOB_EXECUTION_ID = ?", execution);
    }

    private long count(String table, String where, long id) {
        return workspace.queryValue(Long.class, "SELECT COUNT(*) FROM " + table + " WHERE " + where, id);
    }

    private List<Long> executionsInHistory() {
        CliResult history = workspace.onDatabase(List.of("history"), "--format", "json");
        List<Long> executions = new java.util.ArrayList<>();
        JsonMapper.builder().build().readTree(history.out()).forEach(run -> executions.add(run.get("execution").asLong()));
        return executions;
    }

    private void assertChainIntact(long rows, long pruned) {
        CliResult verify = workspace.onDatabase(VERIFY);
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(verify.out()).contains("intact: " + rows + " rows verified");
        if (pruned > 0) {
            assertThat(verify.out()).contains("(" + pruned + " rows pruned before it)");
        }
    }

    @Test
    void removesAnOldRunWithEverythingItLeftAndTheRestStillVerifies() {
        long firstRunRows = count("PURGE_OUTCOME", "JOB_INSTANCE_ID = ?", 1);
        long allRows = workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME");
        endedIn2020(1);

        CliResult prune = workspace.onDatabase(PRUNE, "--before", "2021-01-01");

        assertThat(prune.exitCode()).as(prune.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(prune.out()).contains("Pruned 1 executions (1 job instances) that ended before 2021-01-01T00:00, with "
                + firstRunRows + " outcome rows.").contains("now starts after outcome id " + firstRunRows);
        assertThat(executionsInHistory()).containsExactly(4L, 3L, 2L);
        assertThat(workspace.onDatabase(List.of("audit"), "--execution", "1", "--format", "csv").out().lines()).hasSize(1);
        for (String table : List.of("PURGE_OUTCOME", "PURGE_CANDIDATE", "PURGE_REMOVAL_ATTEMPT", "PURGE_EXECUTION",
                "BATCH_JOB_EXECUTION", "BATCH_JOB_INSTANCE")) {
            assertThat(count(table, "JOB_INSTANCE_ID = ?", 1)).as(table).isZero();
        }
        for (String table : List.of("BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION_CONTEXT")) {
            assertThat(count(table, "JOB_EXECUTION_ID = ?", 1)).as(table).isZero();
        }
        assertThat(workspace.queryValue(Long.class, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION_CONTEXT c WHERE NOT EXISTS "
                + "(SELECT 1 FROM BATCH_STEP_EXECUTION s WHERE s.STEP_EXECUTION_ID = c.STEP_EXECUTION_ID)")).isZero();
        assertThat(count("BATCH_STEP_EXECUTION", "JOB_EXECUTION_ID = ?", 2)).as("other runs keep theirs").isPositive();
        assertChainIntact(allRows - firstRunRows, firstRunRows);

        long rowToChange = firstRunRows + 1;
        workspace.sql("UPDATE PURGE_OUTCOME SET INPUT_VALUE = 'someone-else@example.test' WHERE OUTCOME_ID = ?", rowToChange);
        assertThat(workspace.onDatabase(VERIFY).out()).as("the pruned chain still catches tampering")
                .contains("at outcome id " + rowToChange + " ");
    }

    @Test
    void aRunWithAnExecutionAfterTheDateIsKeptWithItsOlderOnes() {
        endedIn2020(1);
        endedIn2020(2);
        endedIn2020(3);
        long prunedRows = workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME WHERE JOB_INSTANCE_ID < 3");

        CliResult prune = workspace.onDatabase(PRUNE, "--before", "2021-01-01");

        assertThat(prune.out()).contains("Pruned 2 executions (2 job instances)").contains("Kept 1 executions that ended before");
        assertThat(executionsInHistory()).containsExactly(4L, 3L);
        assertThat(count("BATCH_JOB_EXECUTION", "JOB_INSTANCE_ID = ?", 3)).isEqualTo(2);
        assertChainIntact(count("PURGE_OUTCOME", "JOB_INSTANCE_ID = ?", 3), prunedRows);
    }

    @Test
    void aRunningExecutionIsNeverPrunedNorAnyRunRecordedAfterIt() {
        workspace.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = 2");
        long prunedRows = count("PURGE_OUTCOME", "JOB_INSTANCE_ID = ?", 1);

        CliResult prune = workspace.onDatabase(PRUNE, "--before", "2999-01-01");

        assertThat(prune.exitCode()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(prune.out()).contains("Pruned 1 executions (1 job instances)").contains("Kept 2 executions");
        assertThat(executionsInHistory()).containsExactly(4L, 3L, 2L);
        assertChainIntact(workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME"), prunedRows);
    }

    @Test
    void theChainIsCutOnlyAtItsStartSoAnOldRunAfterARecentOneStays() {
        endedIn2020(2);

        CliResult prune = workspace.onDatabase(PRUNE, "--before", "2021-01-01");

        assertThat(prune.out()).contains("Pruned 0 executions (0 job instances)").contains("Kept 1 executions")
                .doesNotContain("now starts after");
        assertThat(executionsInHistory()).containsExactly(4L, 3L, 2L, 1L);
        assertChainIntact(workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME"), 0);
    }

    @Test
    void refusesToPruneRowsThatDoNotVerifyAndRemovesNothing() {
        endedIn2020(1);
        long rows = workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME");
        workspace.sql("UPDATE PURGE_OUTCOME SET OUTCOME = 'DELETED' WHERE OUTCOME = 'NOT_FOUND' AND JOB_INSTANCE_ID = 1");

        CliResult prune = workspace.onDatabase(PRUNE, "--before", "2021-01-01");

        assertThat(prune.exitCode()).isEqualTo(ExitCodes.CHAIN_BROKEN);
        assertThat(prune.out()).contains("does NOT verify at outcome id").contains("Nothing was pruned");
        assertThat(workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME")).isEqualTo(rows);
        assertThat(executionsInHistory()).containsExactly(4L, 3L, 2L, 1L);
    }

    @Test
    void afterEverythingIsPrunedNewRunsChainOnFromTheAnchor() {
        long rows = workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME");
        CliResult prune = workspace.onDatabase(PRUNE, "--before", "2999-12-31T23:59");
        assertThat(prune.out()).contains("Pruned 4 executions (3 job instances)").contains("with " + rows + " outcome rows");
        assertChainIntact(0, rows);
        assertThat(workspace.onDatabase(PRUNE, "--before", "2999-12-31").out()).contains("Pruned 0 executions");

        CliResult again = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv",
                workspace.file("d.csv", "user00005@example.test\n").toString());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertChainIntact(1, rows);
        assertThat(workspace.queryValue(Long.class, "SELECT MIN(OUTCOME_ID) FROM PURGE_OUTCOME")).isEqualTo(rows + 1);
    }

    private List<String> reportFiles() throws IOException {
        try (Stream<Path> files = Files.list(workspace.reports())) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")).sorted().toList();
        }
    }

    private Path failureReportOf(long execution) {
        CliResult history = workspace.onDatabase(List.of("history"), "--format", "json");
        for (var run : JsonMapper.builder().build().readTree(history.out())) {
            if (run.get("execution").asLong() == execution) {
                return Path.of(run.get("report").asString());
            }
        }
        throw new AssertionError("no execution " + execution + " in " + history);
    }

    /** Failure reports, run summaries and a dry run's plan: every file the pruned executions wrote goes with them. */
    @Test
    void theReportFilesOfThePrunedRunsGoWithThemAndOneAlreadyGoneIsNoError() throws IOException {
        CliResult dryRun = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(ExitCodes.SUCCESS);
        List<String> written = reportFiles();
        assertThat(written).as("5 failure reports, 5 run summaries and a plan").hasSize(11)
                .anyMatch(f -> f.startsWith("planned_deletions_")).contains("run_summary_1.json", "run_summary_5.json");
        Files.delete(failureReportOf(2));

        CliResult prune = workspace.onDatabase(PRUNE, "--before", "2999-12-31");

        assertThat(prune.exitCode()).as(prune.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(prune.out()).contains("Pruned 5 executions (4 job instances)")
                .contains("Removed 10 report files of the pruned executions; 1 was gone already.");
        assertThat(prune.err()).isEmpty();
        assertThat(reportFiles()).isEmpty();
    }

    @Test
    void onlyThePrunedRunsReportFilesGo() throws IOException {
        endedIn2020(1);
        Path kept = failureReportOf(2);
        Path pruned = failureReportOf(1);

        CliResult prune = workspace.onDatabase(PRUNE, "--before", "2021-01-01");

        assertThat(prune.out()).contains("Pruned 1 executions").contains("Removed 2 report files of the pruned executions.");
        assertThat(pruned).doesNotExist();
        assertThat(workspace.reports().resolve("run_summary_1.json")).doesNotExist();
        assertThat(kept).exists();
        assertThat(reportFiles()).hasSize(6).contains("run_summary_2.json", "run_summary_3.json", "run_summary_4.json");
    }

    /**
     * A job database from an earlier version has no record of report files: prune still finds the failure
     * report its executions recorded, and the next purge adds the table.
     */
    @Test
    void aJobDatabaseFromBeforeReportFilesWereRecordedIsPrunedAndThenUpgraded() {
        workspace.asAnEarlierVersionLeftIt("DROP TABLE PURGE_REPORT_FILE");
        endedIn2020(1);
        Path pruned = failureReportOf(1);

        CliResult prune = workspace.onDatabase(PRUNE, "--before", "2021-01-01");

        assertThat(prune.exitCode()).as(prune.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(prune.out()).contains("Pruned 1 executions").contains("Removed 1 report files of the pruned executions.");
        assertThat(pruned).doesNotExist();

        CliResult again = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv",
                workspace.file("d.csv", "user00005@example.test\n").toString());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_REPORT_FILE")).isEqualTo(2);
    }

    @Test
    void theDateIsRequiredAndMustBeOne() {
        assertThat(workspace.onDatabase(PRUNE).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(workspace.onDatabase(PRUNE, "--before", "soon").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(executionsInHistory()).hasSize(4);
    }
}
