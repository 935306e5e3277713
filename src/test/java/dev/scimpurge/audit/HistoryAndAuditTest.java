package dev.scimpurge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

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
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.FailingRuns;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code history} and {@code audit} on the records of real purges against the sandbox. */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class HistoryAndAuditTest {

    private static final String TOKEN = "history-token-5be1";
    private static final List<String> HISTORY = List.of("history");
    private static final List<String> AUDIT = List.of("audit");

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private Path csv;

    @BeforeEach
    void purgeTwice() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(30).withDeactivatedFraction(0.1).withToken(TOKEN), 0);
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", TOKEN);
        sandbox.faults().failUser("user00004@example.test", 500, "=HYPERLINK(\"http://evil.example\",\"click\"), then \"quote\"");
        csv = workspace.file("leavers.csv", "email\nuser00002@example.test\nUSER00002@example.test\nnobody@example.test\n"
                + "not-an-email\nuser00004@example.test\n@SUM(1+1)@example.test\n");
        assertThat(workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString()).exitCode())
                .isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated").exitCode()).isEqualTo(ExitCodes.SUCCESS);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static JsonNode json(CliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return JsonMapper.builder().build().readTree(result.out());
    }

    private String sha256Start() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv));
        return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    }

    @Test
    void historyListsEachExecutionNewestFirstWithItsRunAndCounts() throws Exception {
        CliResult table = workspace.onDatabase(HISTORY);

        assertThat(table.exitCode()).as(table.toString()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("EXECUTION  INSTANCE  PROVIDER  TARGET").contains("ALREADY_GONE", "NOT_FOUND", "REPORT");
        assertThat(lines.get(1)).matches("\\s+2\\s+2\\s+generic\\s+" + java.util.regex.Pattern.quote(sandbox.baseUrl().toString())
                + "\\s+deactivated\\s+.*COMPLETED\\s+3\\s+0\\s+0\\s+0\\s+0\\s+-\\s+.*failed_deletions_.*\\.json\\s+none\\s+-");
        assertThat(lines.get(2)).contains("leavers.csv sha256:" + sha256Start())
                .matches("\\s+1\\s+1\\s+generic\\s+.*COMPLETED\\s+1\\s+0\\s+1\\s+1\\s+3\\s+-\\s+.*\\.json\\s+(filter|directory)\\s+-");

        JsonNode runs = json(workspace.onDatabase(HISTORY, "--format", "json"));
        assertThat(runs).hasSize(2);
        JsonNode csvRun = runs.get(1);
        assertThat(csvRun.get("execution").asLong()).isEqualTo(1);
        assertThat(csvRun.get("source").asString()).isEqualTo("leavers.csv sha256:" + sha256Start());
        assertThat(csvRun.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(csvRun.get("deleted").asLong()).isEqualTo(1);
        assertThat(csvRun.get("duplicate").asLong()).isEqualTo(1);
        assertThat(csvRun.get("not_found").asLong()).isEqualTo(1);
        assertThat(csvRun.get("failed").asLong()).isEqualTo(3);
        assertThat(csvRun.get("start").asString()).isLessThanOrEqualTo(csvRun.get("end").asString());
        assertThat(Path.of(csvRun.get("report").asString())).exists();

        CliResult newest = workspace.onDatabase(HISTORY, "--limit", "1", "--format", "csv");
        assertThat(newest.out().split("\r\n")).hasSize(2);
        assertThat(newest.out().split("\r\n")[1]).startsWith("2,2,generic,");
        assertThat(table.all() + newest.all()).doesNotContain(TOKEN);
    }

    @Test
    void anOutcomeThisVersionDoesNotKnowIsCountedNotFatal() {
        workspace.sql("UPDATE PURGE_OUTCOME SET OUTCOME = 'QUARANTINED' WHERE OUTCOME = 'DUPLICATE'");

        JsonNode run = json(workspace.onDatabase(HISTORY, "--format", "json")).get(1);
        assertThat(run.get("duplicate").asLong()).isZero();
        assertThat(run.get("other").get("quarantined").asLong()).isEqualTo(1);
        assertThat(workspace.onDatabase(HISTORY).out()).contains("quarantined=1");

        CliResult audit = workspace.onDatabase(AUDIT, "--outcome", "quarantined");
        assertThat(audit.exitCode()).isZero();
        assertThat(audit.err()).contains("not an outcome this version records");
        assertThat(audit.out().lines()).hasSize(2).last().asString().contains("USER00002@example.test", "quarantined");
    }

    @Test
    void auditListsEveryRowAndFiltersByExecutionEmailAccountOutcomeAndTime() {
        CliResult all = workspace.onDatabase(AUDIT);
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out().lines()).hasSize(1 + 6 + 3);
        assertThat(all.out().lines().skip(1).map(line -> Long.parseLong(line.trim().split("\\s+")[0])))
                .as("in the order they were recorded").isSorted();

        JsonNode firstRun = json(workspace.onDatabase(AUDIT, "--execution", "1", "--format", "json"));
        assertThat(firstRun).hasSize(6);
        assertThat(firstRun).extracting(row -> row.get("outcome").asString())
                .containsExactlyInAnyOrder("failed", "failed", "duplicate", "deleted", "not_found", "failed");

        JsonNode byEmail = json(workspace.onDatabase(AUDIT, "--email", "User00002@Example.TEST", "--format", "json"));
        assertThat(byEmail).extracting(row -> row.get("outcome").asString()).containsExactly("duplicate", "deleted");
        JsonNode deleted = byEmail.get(1);
        assertThat(deleted.get("http_status").asInt()).isEqualTo(204);
        assertThat(deleted.get("line").asLong()).isEqualTo(2);
        assertThat(deleted.get("execution").asLong()).isEqualTo(1);
        assertThat(deleted.get("recorded_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");

        String accountId = deleted.get("account_id").asString();
        JsonNode byAccount = json(workspace.onDatabase(AUDIT, "--account-id", accountId, "--format", "json"));
        assertThat(byAccount).hasSize(1);
        assertThat(byAccount.get(0).get("input").asString()).isEqualTo("user00002@example.test");

        JsonNode failed = json(workspace.onDatabase(AUDIT, "--outcome", "FAILED", "--format", "json"));
        assertThat(failed).extracting(row -> row.get("reason").asString()).containsExactlyInAnyOrder("invalid_email", "invalid_email", "server_rejected");

        assertThat(workspace.onDatabase(AUDIT, "--since", "2999-01-01", "--format", "json").out()).isEqualTo("[]\n");
        assertThat(json(workspace.onDatabase(AUDIT, "--since", "2000-01-01T00:00", "--format", "json"))).hasSize(9);
        assertThat(json(workspace.onDatabase(AUDIT, "--execution", "1", "--outcome", "deleted", "--format", "json"))).hasSize(1);
    }

    @Test
    void auditCsvDefusesFormulasFromInputAndServerMessages() {
        CliResult csvOut = workspace.onDatabase(AUDIT, "--execution", "1", "--format", "csv");

        assertThat(csvOut.exitCode()).isZero();
        String[] lines = csvOut.out().split("\r\n");
        assertThat(lines[0]).isEqualTo("outcome_id,execution,recorded_at,line,input,account_id,outcome,reason,http_status,message");
        assertThat(csvOut.out()).contains(",'@SUM(1+1)@example.test,")
                .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\"), then \"\"quote\"\"\"")
                .doesNotContain(",=HYPERLINK").doesNotContain(",@SUM");
        assertThat(lines).hasSize(7);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(workspace.onDatabase(AUDIT, "--since", "last tuesday").err()).contains("is not a date");
        assertThat(workspace.onDatabase(AUDIT, "--since", "2026-13-01").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(workspace.onDatabase(HISTORY, "--format", "xml").err()).contains("use table, json or csv");
        assertThat(workspace.onDatabase(HISTORY, "--limit", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(workspace.onDatabase(AUDIT, "--execution", "one").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(workspace.run("audit", "--db-url", "jdbc:h2:mem:x;PASSWORD=secret").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void historyCountsEveryOutcomeByNameInJsonAndCsvAndNamesTheRareOnesInTheTable() {
        List<String> users = usersLeft(3);
        Path plan = workspace.file("plan.csv", String.join("\n", users) + "\n");
        Path protect = workspace.file("protect.txt", users.get(2) + "\n");
        CliResult dryRun = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", plan.toString(), "--dry-run",
                "--protect", protect.toString());
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(ExitCodes.SUCCESS);

        JsonNode run = json(workspace.onDatabase(HISTORY, "--limit", "1", "--format", "json")).get(0);
        assertThat(run.get("execution").asLong()).isEqualTo(3);
        assertThat(run.get("planned").asLong()).isEqualTo(2);
        assertThat(run.get("protected").asLong()).isEqualTo(1);
        assertThat(run.get("skipped").asLong()).isZero();
        assertThat(run.get("deleted").asLong()).isZero();
        assertThat(run.get("other").isEmpty()).as("no outcome this version does not know").isTrue();

        String[] csvLines = workspace.onDatabase(HISTORY, "--limit", "1", "--format", "csv").out().split("\r\n");
        List<String> header = List.of(csvLines[0].split(","));
        assertThat(header).containsSubsequence("deleted", "already_gone", "duplicate", "protected", "skipped", "planned",
                "not_found", "failed", "other", "report");
        List<String> values = List.of(csvLines[1].split(","));
        assertThat(values.get(header.indexOf("planned"))).isEqualTo("2");
        assertThat(values.get(header.indexOf("protected"))).isEqualTo("1");
        assertThat(values.get(header.indexOf("other"))).isEmpty();

        List<String> table = workspace.onDatabase(HISTORY, "--limit", "1").out().lines().toList();
        assertThat(table.get(0)).doesNotContain("PLANNED", "PROTECTED").containsPattern("FAILED\\s+OTHER\\s+REPORT");
        assertThat(table.get(1)).containsPattern("COMPLETED\\s+0\\s+0\\s+0\\s+0\\s+0\\s+protected=1,planned=2\\s");
    }

    @Test
    void historyShowsTheLookupEachExecutionChoseAndWhy() {
        Path more = workspace.file("more.csv", String.join("\n", usersLeft(2)) + "\n");
        CliResult byFilter = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", more.toString(), "--lookup", "filter");
        assertThat(byFilter.exitCode()).as(byFilter.toString()).isEqualTo(ExitCodes.SUCCESS);

        JsonNode runs = json(workspace.onDatabase(HISTORY, "--format", "json"));

        JsonNode filter = runs.get(0);
        assertThat(filter.get("execution").asLong()).isEqualTo(3);
        assertThat(filter.get("lookup").asString()).isEqualTo("filter");
        assertThat(filter.get("lookup_filters").asString()).isEqualTo("emails.value,userName");
        assertThat(filter.get("lookup_reason").asString()).startsWith("--lookup filter, with the filters that found account");
        JsonNode deactivated = runs.get(1);
        assertThat(deactivated.get("lookup").asString()).isEqualTo("none");
        assertThat(deactivated.get("lookup_reason").asString()).isEqualTo("every row has an account id");
        JsonNode csvRun = runs.get(2);
        assertThat(csvRun.get("lookup").asString()).isEqualTo(workspace.queryValue(String.class,
                "SELECT LOOKUP FROM PURGE_EXECUTION WHERE JOB_EXECUTION_ID = 1")).isIn("filter", "directory");
        assertThat(csvRun.get("lookup_reason").asString()).isNotBlank();

        String[] csvLines = workspace.onDatabase(HISTORY, "--format", "csv").out().split("\r\n");
        assertThat(csvLines[0]).endsWith(",report,lookup,lookup_filters,lookup_reason,plan,plan_digest,plan_file");
        List<String> table = workspace.onDatabase(HISTORY).out().lines().toList();
        assertThat(table.get(0)).containsPattern("REPORT\\s+LOOKUP\\s+PLAN$");
        assertThat(table.get(1)).containsPattern("filter\\s+-$");
        assertThat(table.get(2)).containsPattern("none\\s+-$");
    }

    @Test
    void aRowANewerVersionRecordedIsCountedInTheRunSummaryAndItsUserLeftAlone() throws Exception {
        List<String> users = usersLeft(3);
        Path leavers = workspace.file("more-leavers.csv", String.join("\n", users) + "\n");
        String url = sandbox.baseUrl().toString();
        FailingRuns.revokeTheTokenAfterTheCheck(sandbox);
        assertThat(workspace.env("SCIM_TOKEN", TOKEN).purge("--url", url, "--csv", leavers.toString()).exitCode())
                .isEqualTo(ExitCodes.JOB_FAILED);
        sandbox.faults().clearRouteFaults();
        long seq = workspace.queryValue(Long.class, "SELECT SEQ FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = 3 AND INPUT_VALUE = ?",
                users.get(1));
        appendToTheChain(new OutcomeRow(0, 3, 3, seq, 2L, users.get(1), null, "QUARANTINED", "held_for_review",
                null, "held by a later version", OutcomeHash.storable(LocalDateTime.now())));

        CliResult continued = workspace.env("SCIM_TOKEN", TOKEN).purge("--url", url, "--csv", leavers.toString());

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(continued.out()).containsPattern("read\\s+3\\b").containsPattern("deleted\\s+2\\b")
                .containsPattern("quarantined\\s+1\\s+\\(an outcome this version does not know\\)");
        assertThat(sandbox.directory().all()).as("the row already had an outcome: its user is not touched")
                .anyMatch(user -> user.emails().contains(users.get(1)));
        JsonNode summary = JsonMapper.builder().build().readTree(Files.readString(workspace.reports().resolve("run_summary_4.json")));
        assertThat(summary.get("read").asLong()).isEqualTo(3);
        assertThat(summary.get("deleted").asLong()).isEqualTo(2);
        assertThat(summary.get("other").get("quarantined").asLong()).isEqualTo(1);
        assertThat(summary.get("pending").asLong()).isZero();
        assertThat(json(workspace.onDatabase(HISTORY, "--format", "json")).get(1).get("other").get("quarantined").asLong()).isEqualTo(1);
        assertThat(workspace.onDatabase(List.of("audit", "verify")).exitCode()).as("the row was chained as a writer would")
                .isEqualTo(ExitCodes.SUCCESS);
    }

    /** Addresses of users still in the sandbox that no earlier run named. */
    private List<String> usersLeft(int count) {
        return sandbox.directory().all().stream().map(user -> user.emails().get(0))
                .filter(email -> !email.startsWith("user00002@") && !email.startsWith("user00004@")).limit(count).toList();
    }

    /** Inserts a row at the chain's head as a (newer) writer does: the next OUTCOME_ID, hashed onto the head, which moves. */
    private void appendToTheChain(OutcomeRow row) {
        long head = workspace.queryValue(Long.class, "SELECT LAST_OUTCOME_ID FROM PURGE_OUTCOME_CHAIN_HEAD WHERE HEAD_ID = 1");
        String headHash = workspace.queryValue(String.class, "SELECT LAST_HASH FROM PURGE_OUTCOME_CHAIN_HEAD WHERE HEAD_ID = 1");
        OutcomeRow appended = new OutcomeRow(head + 1, row.jobInstanceId(), row.jobExecutionId(), row.seq(), row.lineNo(),
                row.inputValue(), row.accountId(), row.outcome(), row.reason(), row.httpStatus(), row.message(), row.recordedAt());
        String hash = OutcomeHash.of(headHash, appended);
        workspace.sql("""
                INSERT INTO PURGE_OUTCOME (OUTCOME_ID, JOB_INSTANCE_ID, JOB_EXECUTION_ID, SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID,
                    OUTCOME, REASON, HTTP_STATUS, MESSAGE, RECORDED_AT, ROW_HASH) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                appended.outcomeId(), appended.jobInstanceId(), appended.jobExecutionId(), appended.seq(), appended.lineNo(),
                appended.inputValue(), appended.accountId(), appended.outcome(), appended.reason(), appended.httpStatus(),
                appended.message(), appended.recordedAt(), hash);
        workspace.sql("UPDATE PURGE_OUTCOME_CHAIN_HEAD SET LAST_OUTCOME_ID = ?, LAST_HASH = ? WHERE HEAD_ID = 1", appended.outcomeId(), hash);
    }
}
