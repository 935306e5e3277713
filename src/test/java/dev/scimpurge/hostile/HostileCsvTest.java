package dev.scimpurge.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.job.collect.CsvRow;
import dev.scimpurge.job.collect.CsvRowReader;
import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;

/** CSV input an operator did not mean to give, through the real command line against the sandbox. */
class HostileCsvTest {

    private static final int ROWS = Integer.getInteger("scim-purge.test.csv-rows", 100_000);
    private static final int DISTINCT_USERS = 20;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(DISTINCT_USERS + 5).withToken("hostile-csv-token"), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "hostile-csv-token");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliResult purge(Path csv, String... more) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.baseUrl().toString(), "--csv", csv.toString()));
        args.addAll(List.of(more));
        return workspace.purge(args.toArray(String[]::new));
    }

    /**
     * Every row of a very long file is collected and accounted for, while the sandbox is asked only
     * about the few distinct addresses (dry run). The default run has 100,000 rows, on which a
     * quadratic duplicate check, as there once was, takes minutes;
     * {@code -Dscim-purge.test.csv-rows=1000000} runs the full million, about 100 s on two cores,
     * mostly spent hashing a million outcome records into the audit chain.
     */
    @Test
    void everyRowOfAVeryLongFileEndsInAnOutcome() throws IOException {
        Path csv = dir.resolve("many-rows.csv");
        long invalid = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("email,name\n");
            for (int row = 0; row < ROWS; row++) {
                if (row % 100 == 99) {
                    out.write("not an address " + row + ",x\n");
                    invalid++;
                } else {
                    out.write(String.format("user%05d@example.test,row %d%n", row % DISTINCT_USERS + 1, row));
                }
            }
        }

        long started = System.nanoTime();
        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--dry-run",
                "--lookup", "filter");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        long duplicates = ROWS - invalid - DISTINCT_USERS;
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of(
                "PLANNED", (long) DISTINCT_USERS, "DUPLICATE", duplicates, "FAILED", invalid));
        assertThat(result.out()).containsPattern("read\\s+" + ROWS).containsPattern("duplicates\\s+" + duplicates)
                .containsPattern("failed\\s+" + invalid).containsPattern("planned\\s+" + DISTINCT_USERS);
        assertThat(sandbox.requests().count("DELETE")).isZero();
        Pattern inputAddress = Pattern.compile(".*filter=.*user(\\d{5})%40.*");
        assertThat(sandbox.requests().lines()).as("one lookup per distinct address (the probe's of an account outside the input aside)")
                .filteredOn(l -> inputAddress.matcher(l).matches()
                        && Integer.parseInt(inputAddress.matcher(l).replaceFirst("$1")) <= DISTINCT_USERS)
                .hasSize(DISTINCT_USERS);
        // not a speed measurement (bench/run measures): a bound far above linear time on a loaded machine, which a
        // quadratic pass over the rows would still exceed by minutes
        assertThat(took).isLessThan(Duration.ofMinutes(3).multipliedBy(Math.max(1, ROWS / 500_000)));
    }

    @Test
    void aTenMegabyteLineIsRecordedAsFailedAndTheRunGoesOn() throws IOException {
        // One quoted field of 10 MB, with doubled quotes and line breaks inside, like a pasted document.
        Path csv = dir.resolve("long.csv");
        String piece = "=cmd|' /C calc'!A0,\"\"x\"\",\n";
        long breaksInside = 0;
        try (OutputStream out = Files.newOutputStream(csv)) {
            out.write("user00001@example.test\n\"".getBytes(StandardCharsets.US_ASCII));
            byte[] block = piece.repeat(4096).getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < 10L << 20; written += block.length) {
                out.write(block);
                breaksInside += 4096;
            }
            out.write("\"\nuser00002@example.test\n".getBytes(StandardCharsets.US_ASCII));
        }
        long lastLine = 2 + breaksInside + 1;

        CliResult result = purge(csv);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 2L, "FAILED", 1L));
        JsonNode failed = workspace.latestReport().get(0);
        assertThat(failed.get("reason").asString()).isEqualTo("line_too_long");
        assertThat(failed.get("line").asLong()).isEqualTo(2);
        assertThat(failed.get("email").asString()).as("only a prefix is kept").hasSizeLessThanOrEqualTo(80);
        assertThat(workspace.outcomeRows().get(2)).as("the quoted line breaks inside are counted")
                .startsWith(lastLine + "|user00002@example.test|DELETED");
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(2);
    }

    @Test
    void aRecordIsCutOffAtTheLimitWithoutReadingItIntoMemory() throws IOException {
        long length = 10L << 20;
        java.io.InputStream tenMegabytes = new java.io.InputStream() {
            private long served;

            @Override
            public int read() {
                served++;
                return served <= length ? 'x' : served == length + 1 ? '\n' : -1;
            }
        };
        java.io.InputStream input = new java.io.SequenceInputStream(tenMegabytes,
                new ByteArrayInputStream("a@x.io\n".getBytes(StandardCharsets.US_ASCII)));
        try (CsvRowReader reader = new CsvRowReader(input, 4096)) {
            CsvRow cut = reader.next();
            assertThat(cut.tooLong()).isTrue();
            assertThat(cut.fields()).singleElement().asString().hasSize(80);
            CsvRow next = reader.next();
            assertThat(next.first()).isEqualTo("a@x.io");
            assertThat(next.lineNo()).isEqualTo(2);
            assertThat(reader.next()).isNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "\uFEFF", "\n\n\r\n", "email", "Email\r\n", "\uFEFFE-mail address,Name\n\n"})
    void anEmptyOrHeaderOnlyFileCompletesWithNothingToDo(String content) {
        CliResult result = purge(workspace.file("nothing.csv", content));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.out()).containsPattern("read\\s+0");
        assertThat(workspace.outcomeCounts()).isEmpty();
        assertThat(workspace.latestReport().get("status").asString()).isEqualTo("success");
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(sandbox.requests().lines()).as("only the check of the target before the run, no lookup")
                .containsExactly("GET /scim/v2/Users?startIndex=1&count=1");
    }

    @Test
    void invalidUtf8DeepInAFileStopsBeforeAnythingIsDeletedAndNamesTheLine() {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            csv.append("user00001@example.test\n");
        }
        byte[] head = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'j', (byte) 0xC3, '(', '@', 'x', '.', 'i', 'o', '\n'};
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + bad.length);
        System.arraycopy(bad, 0, bytes, head.length, bad.length);

        CliResult result = purge(workspace.file("broken.csv", bytes));

        assertThat(result.exitCode()).as("a configuration error: running again cannot help").isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("line 5001 is not valid UTF-8").contains("Save it as UTF-8").doesNotContain("Run the same command again");
        assertThat(result.showsStackTrace()).as(result.err()).isFalse();
        assertThat(workspace.database().resolveSibling("jobs.mv.db")).as("refused before any run was started: nothing collected")
                .doesNotExist();
        assertThat(sandbox.requests().count("GET") + sandbox.requests().count("DELETE")).isZero();
    }

    @Test
    void formulasStayPlainStringsInTheReportAndAreNeutralisedInCsvOutput() {
        List<String> formulas = List.of("=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1:A9)", "=HYPERLINK(\"http://evil.test\",\"x\")",
                "-2+3@example.test");
        StringBuilder csv = new StringBuilder("email,note\n");
        for (String formula : formulas) {
            csv.append('"').append(formula.replace("\"", "\"\"")).append("\",\"=1+1\"\n");
        }
        CliResult result = purge(workspace.file("formulas.csv", csv.toString()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        JsonNode report = workspace.latestReport();
        List<String> emails = new ArrayList<>();
        report.forEach(entry -> emails.add(entry.get("email").asString()));
        assertThat(emails).as("the report keeps each value exactly, as a JSON string").containsExactlyElementsOf(formulas);
        assertThat(report.get(5).get("reason").asString()).as("a formula shaped like an address is looked up, safely")
                .isEqualTo("email_not_found");
        assertThat(sandbox.requests().count("DELETE")).isZero();

        CliResult audit = workspace.onDatabase(List.of("audit"), "--format", "csv");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        List<String> fields = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(audit.out().getBytes(StandardCharsets.UTF_8)), 1 << 20)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                fields.addAll(row.fields());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(fields).noneMatch(field -> !field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0);
        for (String formula : formulas) {
            assertThat(fields).contains("'" + formula);
        }
    }

    @Test
    void aHeaderWithoutTheProfilesColumnsStopsBeforeAnyRequestAndNamesThem() {
        try (SandboxScimServer anaplan = anaplanSandbox()) {
            Path export = workspace.file("Users.csv", "First Name,Last Name,Workspace\nJane,Doe,ws\n");

            CliResult result = anaplanPurge(anaplan, export);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(result.err()).contains("the first row has no 'User ID' or 'Email' column (its columns: First Name, Last Name, Workspace)");
            assertThat(result.showsStackTrace()).as(result.err()).isFalse();
            assertThat(workspace.outcomeCounts()).isEmpty();
            assertThat(anaplan.requests().count("PATCH") + anaplan.requests().count("DELETE")).isZero();
        }
    }

    @Test
    void aRowShorterThanTheIdColumnIsRecordedAsFailedAndTheRunGoesOn() {
        try (SandboxScimServer anaplan = anaplanSandbox()) {
            String id = anaplan.directory().all().get(0).id();
            Path export = workspace.file("Users.csv", "First Name,Last Name,Email,User ID\nA,B,x@example.test," + id + "\nC,D\n\"E\"\n");

            CliResult result = anaplanPurge(anaplan, export);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
            assertThat(workspace.outcomeRows()).containsExactly(
                    "2|" + id + "|DELETED|removed|200",
                    "3|C|FAILED|missing_column|null",
                    "4|E|FAILED|missing_column|null");
            assertThat(workspace.latestReport().get(0).get("message").asString())
                    .isEqualTo("line 3 has 2 field(s); the 'User ID' column is field 4");
            assertThat(anaplan.requests().count("PATCH")).isEqualTo(1);
        }
    }

    private static SandboxScimServer anaplanSandbox() {
        return SandboxScimServer.start(SandboxSettings.defaults().withUsers(5).withPersonality(SandboxPersonality.ANAPLAN)
                .withAnaplanCredentials("ops@example.test", "s3cret-pw"), 0);
    }

    private CliResult anaplanPurge(SandboxScimServer anaplan, Path csv) {
        return workspace.env("ANAPLAN_USER", "ops@example.test").env("ANAPLAN_PASSWORD", "s3cret-pw").purge("--provider", "anaplan",
                "--url", anaplan.siteUrl().toString(), "--auth-url", anaplan.siteUrl().toString(), "--csv", csv.toString());
    }
}
