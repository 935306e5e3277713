package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

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
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;

/** CSV runs of the real job over real HTTP against the sandbox server. */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class CsvPurgeTest {

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(30).withToken("csv-test-token"), 0);
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "csv-test-token");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliResult purge(Path csv, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--url", sandbox.baseUrl().toString(), "--csv", csv.toString()));
        args.addAll(List.of(more));
        return workspace.purge(args.toArray(String[]::new));
    }

    private String idOf(String email) {
        return sandbox.directory().byEmail(email).orElseThrow().id();
    }

    @Test
    void deletesTheListedUsersAndReportsSuccess() {
        String id1 = idOf("user00001@example.test");
        String id2 = idOf("user00002@example.test");
        Path csv = workspace.file("users.csv", "user00001@example.test\nuser00002@example.test\n");

        CliResult result = purge(csv);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().contains(id1)).isFalse();
        assertThat(sandbox.directory().contains(id2)).isFalse();
        assertThat(sandbox.directory().size()).isEqualTo(28);
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(2);
        JsonNode report = workspace.latestReport();
        assertThat(report.get("status").asString()).isEqualTo("success");
        assertThat(report.get("message").asString()).isEqualTo("All selected users were deleted successfully.");
        assertThat(result.out()).containsPattern("deleted\\s+2").containsPattern("read\\s+2");
    }

    @Test
    void handlesEveryShapeOfCsvAndAccountsForEveryRow() {
        String csv = "\uFEFFEmail,Name\r\n"
                + "user00003@example.test,Three\r\n"
                + "\r\n"
                + "\"USER00004@Example.Test\",\"Four, the\"\r\n"
                + "not-an-email,Nobody\r\n"
                + "user00003@EXAMPLE.test,Three again\r\n"
                + "nobody@example.test,Missing\r\n"
                + "\"user00005@example.test\",\"two\nlines\"\r\n";
        Path file = workspace.file("export.csv", csv.getBytes(StandardCharsets.UTF_8));
        String id3 = idOf("user00003@example.test");
        String id4 = idOf("user00004@example.test");
        String id5 = idOf("user00005@example.test");

        CliResult result = purge(file);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().contains(id3)).isFalse();
        assertThat(sandbox.directory().contains(id4)).isFalse();
        assertThat(sandbox.directory().contains(id5)).isFalse();
        assertThat(sandbox.directory().size()).isEqualTo(27);
        assertThat(sandbox.requests().count("DELETE")).as("the duplicate is not deleted twice").isEqualTo(3);

        assertThat(workspace.outcomeRows()).containsExactly(
                "2|user00003@example.test|DELETED|removed|204",
                "4|USER00004@Example.Test|DELETED|removed|204",
                "5|not-an-email|FAILED|invalid_email|null",
                "6|user00003@EXAMPLE.test|DUPLICATE|duplicate_row|null",
                "7|nobody@example.test|NOT_FOUND|email_not_found|null",
                "8|user00005@example.test|DELETED|removed|204");

        JsonNode report = workspace.latestReport();
        assertThat(report.isArray()).isTrue();
        assertThat(report).hasSize(2);
        JsonNode invalid = report.get(0);
        assertThat(invalid.get("email").asString()).isEqualTo("not-an-email");
        assertThat(invalid.get("status").asString()).isEqualTo("failed");
        assertThat(invalid.get("message").asString()).isEqualTo("not a valid email address (line 5)");
        assertThat(invalid.get("reason").asString()).isEqualTo("invalid_email");
        assertThat(invalid.get("line").asInt()).isEqualTo(5);
        assertThat(invalid.get("job_execution_id").asLong()).isPositive();
        JsonNode missing = report.get(1);
        assertThat(missing.get("message").asString()).isEqualTo("User email address not found via SCIM API");
        assertThat(missing.get("outcome").asString()).isEqualTo("not_found");
        assertThat(missing.get("account_id").isNull()).isTrue();
        assertThat(result.out()).containsPattern("read\\s+6").containsPattern("deleted\\s+3").containsPattern("duplicates\\s+1")
                .containsPattern("not found\\s+1").containsPattern("failed\\s+1");
    }

    @Test
    void anAccountListedAgainInALaterChunkOrTheSameOneIsRemovedOnceAtItsFirstRow() {
        // one account with three addresses; chunks of 2 rows: its second address comes in the same chunk as its
        // first (lines 2, 3), its third two chunks later (line 6)
        sandbox.directory().add(new SandboxUser("three-addresses", "alias1@example.test",
                List.of("alias1@example.test", "alias2@example.test", "alias3@example.test"), true, "Registered", List.of()));
        Path file = workspace.file("again.csv", "email\nalias1@example.test\nalias2@example.test\nuser00002@example.test\n"
                + "user00003@example.test\nalias3@example.test\nuser00004@example.test\n");
        Path settings = workspace.file("chunks.yml", "scim-purge:\n  job:\n    resolve-chunk-size: 2\n");

        CliResult result = purge(file, "--lookup", "directory", "--config", settings.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().count("DELETE")).as("each account removed once").isEqualTo(4);
        assertThat(workspace.outcomeRows()).containsExactly(
                "2|alias1@example.test|DELETED|removed|204",
                "3|alias2@example.test|DUPLICATE|same_account|null",
                "4|user00002@example.test|DELETED|removed|204",
                "5|user00003@example.test|DELETED|removed|204",
                "6|alias3@example.test|DUPLICATE|same_account|null",
                "7|user00004@example.test|DELETED|removed|204");
    }

    @Test
    void fallsBackToUserNameWhenTheServerRejectsTheEmailFilter() {
        sandbox.faults().rejectFilterAttribute("emails.value");
        String id = idOf("user00006@example.test");

        CliResult result = purge(workspace.file("u.csv", "user00006@example.test\n"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().contains(id)).isFalse();
        assertThat(sandbox.requests().lines()).anyMatch(line -> line.contains("userName"));
    }

    @Test
    void neverDeletesWhenTwoAccountsShareTheAddress() {
        sandbox.directory().add(new SandboxUser("dup-a", "shared@example.test", List.of("shared@example.test"), true, "Registered", List.of()));
        sandbox.directory().add(new SandboxUser("dup-b", "other-login", List.of("Shared@Example.test"), true, "Registered", List.of()));

        CliResult result = purge(workspace.file("u.csv", "shared@example.test\n"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().contains("dup-a")).isTrue();
        assertThat(sandbox.directory().contains("dup-b")).isTrue();
        assertThat(sandbox.requests().count("DELETE")).isZero();
        JsonNode entry = workspace.latestReport().get(0);
        assertThat(entry.get("reason").asString()).isEqualTo("ambiguous");
        assertThat(entry.get("message").asString()).startsWith("ambiguous: 2 accounts");
    }

    @Test
    void ignoresUnrelatedUsersFromAServerThatIgnoresTheFilter() {
        sandbox.faults().ignoreFilters(true);
        CliResult result = purge(workspace.file("u.csv", "nobody@example.test\n"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(sandbox.directory().size()).isEqualTo(30);
    }

    @Test
    void recordsTheServersMessageWhenARemovalIsRefused() {
        String id = idOf("user00007@example.test");
        sandbox.faults().failUser("user00007@example.test", 500, "Adjust role to User before deleting");
        sandbox.faults().failUser("user00008@example.test", 400, "user is protected");
        sandbox.faults().failUser("user00009@example.test", 404, "no such user");

        CliResult result = purge(workspace.file("u.csv", "user00007@example.test\nuser00008@example.test\nuser00009@example.test\nuser00010@example.test\n"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().contains(id)).isTrue();
        JsonNode report = workspace.latestReport();
        assertThat(report).hasSize(3);
        assertThat(report.get(0).get("account_id").asString()).isEqualTo(id);
        assertThat(report.get(0).get("http_status").asInt()).isEqualTo(500);
        assertThat(report.get(0).get("message").asString()).isEqualTo("Adjust role to User before deleting");
        assertThat(report.get(0).get("reason").asString()).isEqualTo("server_rejected");
        assertThat(report.get(1).get("http_status").asInt()).isEqualTo(400);
        assertThat(report.get(1).get("message").asString()).isEqualTo("user is protected");
        assertThat(report.get(2).get("http_status").asInt()).isEqualTo(404);
        assertThat(report.get(2).get("outcome").asString()).isEqualTo("not_found");
        assertThat(report.get(2).get("message").asString()).isEqualTo("not found: no such user");
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 1L, "FAILED", 2L, "NOT_FOUND", 1L));
    }

    @Test
    void aCompletedRunIsNotRepeatedButANewRunIdStartsAgain() {
        Path csv = workspace.file("u.csv", "user00011@example.test\n");
        assertThat(purge(csv).exitCode()).isEqualTo(ExitCodes.SUCCESS);

        CliResult again = purge(csv);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("already completed").contains("--run-id");
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(1);

        CliResult newRun = purge(csv, "--run-id", "second");
        assertThat(newRun.exitCode()).as(newRun.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(StreamSupport.stream(workspace.latestReport().spliterator(), false)
                .map(e -> e.get("message").asString())).containsExactly("User email address not found via SCIM API");
    }

    @Test
    void anEmptyFileOrAHeaderOnlyFileCompletesWithNothingToDo() {
        assertThat(purge(workspace.file("empty.csv", "")).exitCode()).isEqualTo(ExitCodes.SUCCESS);
        CliResult headerOnly = purge(workspace.file("header.csv", "email\r\n"));
        assertThat(headerOnly.exitCode()).as(headerOnly.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(headerOnly.out()).containsPattern("read\\s+0");
        assertThat(sandbox.requests().count("DELETE")).isZero();
    }

    @Test
    void aFileThatIsNotUtf8StopsBeforeAnythingIsDeletedAndNamesTheLine() {
        byte[] latin1 = "user00012@example.test\nj\u00f6rg@example.test\n".getBytes(StandardCharsets.ISO_8859_1);
        CliResult result = purge(workspace.file("latin1.csv", latin1));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("line 2 is not valid UTF-8");
        assertThat(sandbox.requests().count("DELETE")).isZero();
    }
}
