package dev.scimpurge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * The plan report and the failure report stream from the job database: a run whose reports are
 * far larger than its heap writes them whole. 35,000 invalid rows of 3 KB each are over 100 MB
 * of report rows; the purge runs in its own JVM with a 64 MB heap. (Fewer, longer rows than a real
 * list has: what the heap must not hold is the bytes, and the job's cost is by the row.) Read into memory at once (as
 * PostgreSQL's driver does without a fetch size, or outside a transaction), they do not fit.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class LargeReportsInSmallHeapTest {

    private static final int ROWS = 35_000;
    private static final String HEAP = "-Xmx64m";

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aDryRunWithMoreReportedRowsThanItsHeapHoldsWritesBothReportsWhole() throws Exception {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(5).withToken("heap-test"), 0);
        Workspace workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "heap-test").env("JAVA_TOOL_OPTIONS", HEAP);
        Path csv = invalidAddresses(dir.resolve("invalid.csv"));

        int exit;
        String output;
        try (ScimPurgeProcess purge = workspace.startInAnotherJvm("purge",
                workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--dry-run", "--quiet"))) {
            exit = purge.awaitExit(Duration.ofMinutes(5));
            output = purge.output();
        }

        assertThat(output).contains("Picked up JAVA_TOOL_OPTIONS: " + HEAP).doesNotContain("OutOfMemoryError");
        assertThat(exit).as(output).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("FAILED", (long) ROWS));
        assertThat(reports(workspace)).hasSize(2).allSatisfy(report -> assertThat(linesContaining(report, "\"reason\" : \"invalid_email\""))
                .as(report.getFileName().toString()).isEqualTo(ROWS));
    }

    /** Rows of about 3 KB (within input.max-line-chars) that are not email addresses: each is recorded, and reported, as it was read. */
    private static Path invalidAddresses(Path file) throws IOException {
        String padding = "x".repeat(3000);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < ROWS; i++) {
                out.write("not-an-address-%06d-%s%n".formatted(i, padding));
            }
        }
        return file;
    }

    /** Every file in the report directory: the failure report and the plan, and no partial file left behind. */
    private static List<Path> reports(Workspace workspace) throws IOException {
        try (Stream<Path> files = Files.list(workspace.reports())) {
            return files.filter(file -> !file.getFileName().toString().startsWith("run_summary_")).sorted().toList();
        }
    }

    private static long linesContaining(Path report, String text) {
        try (Stream<String> lines = Files.lines(report)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
