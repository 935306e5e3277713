package dev.scimpurge.job.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
import tools.jackson.databind.json.JsonMapper;

/** The guards between the plan and the first removal, over real HTTP against the sandbox. */
class SafetyGuardsTest {

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(100).withDeactivatedFraction(0.3).withToken("g"), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "g");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private int mutations() {
        return sandbox.requests().count("DELETE") + sandbox.requests().count("PATCH") + sandbox.requests().count("POST")
                + sandbox.requests().count("PUT");
    }

    private JsonNode planReport() throws Exception {
        try (Stream<Path> files = Files.list(workspace.reports())) {
            Path plan = files.filter(f -> f.getFileName().toString().startsWith("planned_deletions_")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no plan report"));
            return JsonMapper.builder().build().readTree(Files.readString(plan));
        }
    }

    private Path csvOf(int from, int to, String... extra) {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i <= to; i++) {
            csv.append(String.format("user%05d@example.test%n", i));
        }
        for (String line : extra) {
            csv.append(line).append('\n');
        }
        return workspace.file("users-" + from + "-" + to + ".csv", csv.toString());
    }

    @Test
    void aDryRunResolvesEverythingAndChangesNothing() throws Exception {
        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 5, "ghost@example.test", "bad").toString(),
                "--dry-run");

        assertThat(result.exitCode()).as("rows that would fail are reported as in a real run").isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(mutations()).isZero();
        assertThat(sandbox.directory().size()).isEqualTo(100);
        JsonNode plan = planReport();
        assertThat(plan.get("status").asString()).isEqualTo("dry_run");
        assertThat(plan.get("planned").asInt()).isEqualTo(5);
        assertThat(plan.get("would_remove")).hasSize(5);
        assertThat(plan.get("would_remove").get(0).get("account_id").asString())
                .isEqualTo(sandbox.directory().byEmail("user00001@example.test").orElseThrow().id());
        assertThat(plan.get("not_removed")).hasSize(2);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("PLANNED", 5L, "NOT_FOUND", 1L, "FAILED", 1L));
        assertThat(result.out()).containsPattern("planned\\s+5");

        CliResult real = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 5, "ghost@example.test", "bad").toString());
        assertThat(real.exitCode()).as("the dry run is a run of its own: the real one still runs").isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().size()).isEqualTo(95);
    }

    @Test
    void aDryRunAppliesTheLimitsAndExitsAsTheRealRunWould() throws Exception {
        Path csv = csvOf(1, 10);

        CliResult rehearsal = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--dry-run",
                "--max-deletes", "3");

        assertThat(rehearsal.exitCode()).as(rehearsal.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(rehearsal.err()).contains("--max-deletes").contains("The real run would stop here")
                .contains("10 accounts would be deleted, more than --max-deletes 3");
        assertThat(mutations()).isZero();
        JsonNode plan = planReport();
        assertThat(plan.get("status").asString()).isEqualTo("dry_run");
        assertThat(plan.get("would_remove")).hasSize(10);
        assertThat(plan.get("refused_by").asString()).isEqualTo("max_deletes");
        assertThat(plan.get("to_proceed").asString()).contains("give it --max-deletes 10");
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("PLANNED", 10L));

        CliResult withinLimit = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--dry-run",
                "--max-deletes", "10", "--run-id", "2");
        assertThat(withinLimit.exitCode()).as(withinLimit.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(planReport().has("refused_by")).isFalse();

        CliResult real = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--max-deletes", "3");
        assertThat(real.exitCode()).as("the rehearsal predicted it").isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(mutations()).isZero();
    }

    @Test
    void aDryRunAppliesTheShareOfTheDirectoryToo() {
        CliResult rehearsal = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--dry-run",
                "--max-delete-percent", "20");

        assertThat(rehearsal.exitCode()).as(rehearsal.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(rehearsal.err()).contains("--max-delete-percent").contains("30 accounts would be deleted, 30.0% of the 100 in the directory");
        assertThat(mutations()).isZero();
    }

    @Test
    void tooManyPlannedRemovalsAreRefusedUntilTheLimitIsRaised() throws Exception {
        Path csv = csvOf(1, 12);

        CliResult refused = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--max-deletes", "10",
                "--lookup", "filter");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(refused.err()).contains("12 accounts would be deleted, more than --max-deletes 10");
        assertThat(mutations()).isZero();
        assertThat(planReport().get("status").asString()).isEqualTo("refused");
        assertThat(planReport().get("would_remove")).hasSize(12);

        CliResult raised = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--max-deletes", "12",
                "--lookup", "filter");

        assertThat(raised.exitCode()).as(raised.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().size()).isEqualTo(88);
        assertThat(sandbox.requests().lines()).filteredOn(l -> l.contains("filter=") && l.matches(".*user000(0[1-9]|1[0-2]).*"))
                .as("the plan was not made twice (the probe's lookups of another account aside)").hasSize(12);
    }

    @Test
    void aShareOfTheDirectoryCanBeTheLimit() {
        CliResult refused = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--max-delete-percent", "20");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(refused.err()).contains("30 accounts would be deleted, 30.0% of the 100 in the directory");
        assertThat(mutations()).isZero();
    }

    @Test
    void protectedAccountsGetNoRequest() {
        SandboxUser byId = sandbox.directory().byEmail("user00003@example.test").orElseThrow();
        sandbox.directory().add(new SandboxUser("vip-1", "ceo@corp.example", List.of("ceo@corp.example"), true, "Registered", List.of()));
        Path protect = workspace.file("protect.txt", "# never these\nUSER00001@example.test\n" + byId.id() + "\n@corp.example\n");

        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(),
                "--csv", csvOf(1, 4, "ceo@corp.example").toString(), "--protect", protect.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().byEmail("user00001@example.test")).isPresent();
        assertThat(sandbox.directory().contains(byId.id())).isTrue();
        assertThat(sandbox.directory().contains("vip-1")).isTrue();
        assertThat(sandbox.directory().byEmail("user00002@example.test")).isEmpty();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("PROTECTED", 3L, "DELETED", 2L));
        assertThat(sandbox.requests().lines()).noneMatch(l -> l.contains("ceo") || l.contains("user00001"));
        assertThat(result.out()).containsPattern("protected\\s+3");
    }

    @Test
    void withoutATerminalARealRunNeedsYes() {
        CliResult refused = workspace.purgeWithoutYes("--url", sandbox.baseUrl().toString(), "--csv", csvOf(1, 2).toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(refused.err()).contains("no terminal to confirm on").contains("--yes");
        assertThat(mutations()).isZero();
    }

    @Test
    void aUserReactivatedAfterTheListWasTakenIsSkipped() throws Exception {
        sandbox.faults().latency(Duration.ofMillis(10));
        List<SandboxUser> deactivated = sandbox.directory().deactivated();
        SandboxUser last = deactivated.get(deactivated.size() - 1);
        CompletableFuture<Void> reactivate = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sandbox.requests().count("DELETE") == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            sandbox.directory().update(last.id(), u -> u.withActive(true));
        });

        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated");
        reactivate.get(30, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().find(last.id())).isPresent();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 29L, "SKIPPED", 1L));
        assertThat(workspace.outcomeRows()).anyMatch(r -> r.contains("SKIPPED|reactivated"));
    }
}
