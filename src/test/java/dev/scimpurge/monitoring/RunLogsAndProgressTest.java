package dev.scimpurge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.ConsoleLog;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an unattended run leaves in its log and beside its report: log lines that name their
 * execution (text or JSON), progress lines every interval, and run_summary_&lt;execution&gt;.json.
 * The sandbox's latency makes the runs last a few seconds; the interval is 200 ms.
 */
class RunLogsAndProgressTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern EXECUTION = Pattern.compile("Execution (\\d+) COMPLETED");
    private static final Pattern REMOVING = Pattern.compile("Progress: removing (\\d+) of 40 rows");

    @TempDir
    Path dir;

    /** What the run printed itself (the summary), and what its logging wrote to the console. */
    private record Run(CliResult result, List<String> consoleLines) {

        long executionId() {
            Matcher m = EXECUTION.matcher(result.out());
            assertThat(m.find()).as(result.toString()).isTrue();
            return Long.parseLong(m.group(1));
        }
    }

    /**
     * 40 removals, each a re-read and a DELETE at 20 ms, one at a time, in chunks of 10: at least 1.6 s
     * of removing, several progress intervals whatever the machine's speed (in parallel they could
     * finish in one), and 4 commits for the count to move between them.
     */
    private Run purgeWithLatency(String... extraArgs) {
        Workspace workspace = new Workspace(dir);
        Path config = workspace.file("progress.yml", """
                scim-purge:
                  progress:
                    interval: 200ms
                  job:
                    chunk-size: 10
                """);
        List<String> args = new ArrayList<>(List.of("--sandbox", "--sandbox-users", "80", "--sandbox-deactivated", "0.5",
                "--sandbox-latency", "20", "--concurrency", "1", "--deactivated", "--config", config.toString()));
        args.addAll(List.of(extraArgs));
        ConsoleLog<CliResult> run = ConsoleLog.capture(() -> workspace.purge(args.toArray(String[]::new)));
        CliResult result = run.result();
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        return new Run(result, run.lines());
    }

    @Test
    void withoutATerminalProgressIsALogLineEveryIntervalNamingTheExecution() {
        Run run = purgeWithLatency();

        List<String> progress = run.consoleLines().stream().filter(l -> l.contains("Progress: removing")).toList();
        assertThat(progress).as(String.join("\n", run.consoleLines())).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(l -> l.contains("[execution " + run.executionId() + "]"))
                .anyMatch(l -> l.matches(".*removing \\d+ of 40 rows \\(\\d+%\\), \\d+\\.\\d/s, about \\d+s left"));
        assertThat(progress).as("a rate and a time left only where they are known").allSatisfy(RunLogsAndProgressTest::isHonest);
        List<Long> done = progress.stream().map(l -> {
            Matcher m = REMOVING.matcher(l);
            assertThat(m.find()).isTrue();
            return Long.parseLong(m.group(1));
        }).toList();
        assertThat(done).isSorted();
        assertThat(done.get(done.size() - 1)).isGreaterThan(done.get(0));
    }

    /**
     * A progress line gives a rate only when rows were done, never 0.0/s, and ends the phase with what it
     * really did: "N rows in T, R/s".
     */
    private static void isHonest(String line) {
        assertThat(line).doesNotContain(" 0.0/s").doesNotContain("not known yet");
        Matcher counts = Pattern.compile("Progress: \\S+ (\\d+) of (\\d+) rows \\(\\d+%\\), (.*)$").matcher(line);
        assertThat(counts.find()).as(line).isTrue();
        long done = Long.parseLong(counts.group(1));
        long total = Long.parseLong(counts.group(2));
        String pace = counts.group(3);
        if (done == total) {
            assertThat(pace).as(line).matches("phase done(: \\d+ rows in \\d+\\.\\ds, \\d+\\.\\d/(s|min))?");
        } else {
            assertThat(pace).as(line).matches("\\d+\\.\\d/(s|min), about (\\d+h )?(\\d+m )?\\d+s left|no row done yet \\(\\d+\\.\\ds in\\)");
        }
    }

    /** A run shorter than one interval shows only its final line: the phase done, in how long, at what rate. */
    @Test
    void aShortRunEndsWithThePhasesRealAverage() {
        ConsoleLog<CliResult> run = ConsoleLog.capture(() -> new Workspace(dir).purge("--sandbox", "--deactivated"));

        assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.SUCCESS);
        List<String> progress = run.lines().stream().filter(l -> l.contains("Progress: removing")).toList();
        assertThat(progress).as(run.text()).hasSize(1).allSatisfy(RunLogsAndProgressTest::isHonest)
                .allMatch(l -> l.contains("10 of 10 rows (100%), phase done: 10 rows in "));
    }

    /**
     * In a JVM of its own, so that what the logging writes to standard output is read as it really is.
     * An earlier run that did not finish gives the quiet run a warning to show.
     */
    @Test
    void quietLeavesOnlyWarningsErrorsAndTheSummary() throws Exception {
        Workspace workspace = new Workspace(dir).env("SCIM_TOKEN", "t0k");
        try (SandboxScimServer sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withToken("t0k"), 0)) {
            String url = sandbox.baseUrl().toString();
            // the token is refused from the first removal on: the night's run stops part-way
            sandbox.faults().onRoute("DELETE", ".*", RouteFault.Canned.json(401, "{\"detail\": \"token revoked\"}"));
            assertThat(workspace.purge("--url", url, "--deactivated", "--run-id", "night-1").exitCode())
                    .isEqualTo(ExitCodes.JOB_FAILED);
            sandbox.faults().clearRouteFaults();

            try (ScimPurgeProcess quiet = workspace.startInAnotherJvm("quiet",
                    workspace.purgeArguments("--url", url, "--deactivated", "--run-id", "night-2", "--quiet"))) {
                assertThat(quiet.awaitExit(Duration.ofSeconds(90))).as(quiet.output()).isEqualTo(ExitCodes.SUCCESS);
                List<String> lines = quiet.output().lines().toList();
                assertThat(lines).as(quiet.output())
                        .anyMatch(l -> l.contains(" WARN ") && l.contains("An earlier run of this purge did not finish"))
                        .anyMatch(l -> l.matches("Execution \\d+ COMPLETED in .*"))
                        .anyMatch(l -> l.matches("  deleted +4"))
                        .noneMatch(l -> l.contains(" INFO "))
                        .noneMatch(l -> l.contains("Progress:"));
            }
        }
    }

    @Test
    void jsonLogLinesParseAndCarryTheExecutionId() {
        Run run = purgeWithLatency("--log-format", "json");

        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.consoleLines()) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).as(String.join("\n", run.consoleLines())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("execution_id").asString()).isEqualTo(String.valueOf(run.executionId()));
            assertThat(line.path("log").path("level").asString()).isNotEmpty();
            assertThat(line.path("@timestamp").asString()).isNotEmpty();
        });
        assertThat(lines).anyMatch(line -> line.path("message").asString().startsWith("Collected 40 rows"))
                .anyMatch(line -> line.path("message").asString().startsWith("Progress: removing"));
        assertThat(run.consoleLines()).as("no text log line slips through").noneMatch(l -> l.contains(" INFO "));
    }

    @Test
    void aRunWarnsAboutAnEarlierRunOfTheSameTargetThatDidNotFinish() {
        Workspace workspace = new Workspace(dir).env("SCIM_TOKEN", "t0k");
        try (SandboxScimServer sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withToken("t0k"), 0)) {
            String url = sandbox.baseUrl().toString();
            sandbox.faults().forceStatus(503);
            CliResult failedNight = workspace.purge("--url", url, "--deactivated", "--run-id", "nightly-2026-11-21");
            sandbox.faults().reset();

            ConsoleLog<CliResult> nextNight = ConsoleLog.capture(() -> workspace.purge("--url", url, "--deactivated", "--run-id", "nightly-2026-11-22"));
            ConsoleLog<CliResult> continued = ConsoleLog.capture(() -> workspace.purge("--url", url, "--deactivated", "--run-id", "nightly-2026-11-21"));
            ConsoleLog<CliResult> afterwards = ConsoleLog.capture(() -> workspace.purge("--url", url, "--deactivated", "--run-id", "nightly-2026-11-23"));

            assertThat(failedNight.exitCode()).as(failedNight.toString()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(nextNight.result().exitCode()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(nextNight.text()).contains("WARN").contains("An earlier run of this purge did not finish: run id nightly-2026-11-21")
                    .contains("--run-id nightly-2026-11-21 continues it");
            assertThat(continued.result().exitCode()).as(continued.result().toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(afterwards.text()).doesNotContain("did not finish");
        }
    }

    @Test
    void theSummaryLandsAsJsonBesideTheFailureReport() throws Exception {
        Run run = purgeWithLatency("--quiet", "--run-id", "summary-test");

        Path file = new Workspace(dir).reports().resolve("run_summary_" + run.executionId() + ".json");
        JsonNode summary = JSON.readTree(Files.readString(file));
        assertThat(summary.path("job_execution_id").asLong()).isEqualTo(run.executionId());
        assertThat(summary.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(summary.path("run_id").asString()).isEqualTo("summary-test");
        assertThat(summary.path("source").asString()).isEqualTo("deactivated");
        assertThat(summary.path("read").asLong()).isEqualTo(40);
        assertThat(summary.path("deleted").asLong()).isEqualTo(40);
        assertThat(summary.path("failed").asLong()).isZero();
        assertThat(summary.path("pending").asLong()).isZero();
        assertThat(Path.of(summary.path("failure_report").asString())).exists()
                .hasParent(new Workspace(dir).reports());
        assertThat(run.result().out()).contains("report        " + summary.path("failure_report").asString());
    }
}
