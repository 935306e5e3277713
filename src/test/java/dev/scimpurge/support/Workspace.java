package dev.scimpurge.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.scimpurge.cli.ScimPurgeCli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scratch directory for one test: its own job database and report directory, and the
 * means to run the real command line against them and read back what it left.
 */
public final class Workspace {

    private final Path root;
    private final Map<String, String> environment = new HashMap<>();

    public Workspace(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path database() {
        return root.resolve("db/jobs");
    }

    public Path reports() {
        return root.resolve("reports");
    }

    public Workspace env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs {@code scim-purge ARGS} in this JVM, exactly as the jar's main would. */
    public CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new ScimPurgeCli(environment, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliResult(code, out.toString(), err.toString());
    }

    /** Runs {@code scim-purge purge ARGS --db <ours> --report-dir <ours> --yes} (tests have no terminal to confirm on). */
    public CliResult purge(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--yes");
        return purgeWithoutYes(all.toArray(String[]::new));
    }

    /** Runs {@code scim-purge purge ARGS --db <ours> --report-dir <ours>}. */
    public CliResult purgeWithoutYes(String... args) {
        List<String> all = new ArrayList<>(List.of("purge"));
        all.addAll(List.of(args));
        all.addAll(List.of("--db", database().toString(), "--report-dir", reports().toString()));
        return run(all.toArray(String[]::new));
    }

    public Path file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path file(String name, byte[] content) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Path> reportFiles() {
        if (!Files.isDirectory(reports())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(reports())) {
            return files.filter(f -> f.getFileName().toString().matches("failed_deletions_\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d(_\\d+)?\\.json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest failure report, parsed. */
    public JsonNode latestReport() {
        List<Path> files = reportFiles();
        if (files.isEmpty()) {
            throw new AssertionError("no failure report in " + reports());
        }
        try {
            return JsonMapper.builder().build().readTree(Files.readString(files.get(files.size() - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC connection to the job database, for assertions on what was recorded. */
    public Connection jobDatabase() {
        try {
            return DriverManager.getConnection("jdbc:h2:file:" + database(), "sa", "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Outcome counts of every job instance in the database, e.g. {DELETED=3, NOT_FOUND=1}. */
    public Map<String, Long> outcomeCounts() {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = jobDatabase(); var rs = c.createStatement().executeQuery(
                "SELECT OUTCOME, COUNT(*) FROM PURGE_OUTCOME GROUP BY OUTCOME")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** The single number a query on the job database answers, e.g. a COUNT. */
    public long count(String sql) {
        try (Connection c = jobDatabase(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every recorded outcome row as "line|input|outcome|reason|http_status", in input order. */
    public List<String> outcomeRows() {
        List<String> rows = new ArrayList<>();
        try (Connection c = jobDatabase(); var rs = c.createStatement().executeQuery(
                "SELECT LINE_NO, INPUT_VALUE, OUTCOME, REASON, HTTP_STATUS FROM PURGE_OUTCOME ORDER BY JOB_INSTANCE_ID, SEQ")) {
            while (rs.next()) {
                rows.add(rs.getObject(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getObject(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
