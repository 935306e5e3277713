package dev.scimpurge.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.scimpurge.cli.ScimPurgeCli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scratch directory for one test: its own job database and report directory, and the
 * means to run the real command line against them (in this JVM or another) and read back what
 * it left.
 */
public final class Workspace {

    private final Path root;
    private final JobStore store;
    private final Map<String, String> environment = new HashMap<>();

    /** With the default job database: an H2 file under the directory ({@code --db}). */
    public Workspace(Path root) {
        this(root, JobStore.h2File(root.resolve("db/jobs")));
    }

    public Workspace(Path root, JobStore store) {
        this.root = root;
        this.store = store;
        environment.putAll(store.environment());
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
        CliResult result = run(out, args);
        return new CliResult(result.exitCode(), out.toString(), result.err());
    }

    /** Runs {@code scim-purge ARGS} with standard output going to {@code out} as it is written (not kept in the result). */
    public CliResult run(Writer out, String... args) {
        StringWriter err = new StringWriter();
        // Java's home directory is this workspace's, so that a test never reaches the home of whoever runs it.
        int code = new ScimPurgeCli(environment, root.resolve("home"), new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliResult(code, "", err.toString());
    }

    /** Runs {@code scim-purge COMMAND... ARGS <our job database>}, e.g. {@code onDatabase(List.of("audit", "verify"))}. */
    public CliResult onDatabase(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(commandArguments(args));
        return run(all.toArray(String[]::new));
    }

    /** Changes the job database behind the command line's back, as someone with SQL access could. */
    public int sql(String statement, Object... arguments) {
        try (Connection c = jobDatabase(); var update = c.prepareStatement(statement)) {
            for (int i = 0; i < arguments.length; i++) {
                update.setObject(i + 1, arguments[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Changes the job database into what an earlier version left (a table or column missing): without this version's
     * mark in PURGE_SCHEMA_SCRIPT, so that the next command runs the schema script as it would on such a database.
     */
    public void asAnEarlierVersionLeftIt(String... statements) {
        for (String statement : statements) {
            sql(statement);
        }
        sql("DELETE FROM PURGE_SCHEMA_SCRIPT");
    }

    /** The first column of the first row of a query, e.g. a count. */
    public <T> T queryValue(Class<T> type, String query, Object... arguments) {
        try (Connection c = jobDatabase(); var select = c.prepareStatement(query)) {
            for (int i = 0; i < arguments.length; i++) {
                select.setObject(i + 1, arguments[i]);
            }
            try (var rs = select.executeQuery()) {
                return rs.next() ? rs.getObject(1, type) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of a query, as text, e.g. the accounts of a table. */
    public List<String> queryStrings(String query, Object... arguments) {
        try (Connection c = jobDatabase(); var select = c.prepareStatement(query)) {
            for (int i = 0; i < arguments.length; i++) {
                select.setObject(i + 1, arguments[i]);
            }
            List<String> values = new ArrayList<>();
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code scim-purge purge ARGS <our job database> --report-dir <ours> --yes} (tests have no terminal to confirm on). */
    public CliResult purge(String... args) {
        return run(purgeArguments(args).toArray(String[]::new));
    }

    /** Runs {@code scim-purge purge ARGS <our job database> --report-dir <ours>}, without --yes. */
    public CliResult purgeWithoutYes(String... args) {
        List<String> all = purgeArguments(args);
        all.remove("--yes");
        return run(all.toArray(String[]::new));
    }

    /** Runs {@code scim-purge ARGS <our job database>}: restart, stop, abandon. */
    public CliResult command(String... args) {
        return run(commandArguments(args).toArray(String[]::new));
    }

    public List<String> purgeArguments(String... args) {
        List<String> all = new ArrayList<>(List.of("purge"));
        all.addAll(commandArguments(args));
        all.addAll(List.of("--report-dir", reports().toString(), "--yes"));
        return all;
    }

    public List<String> commandArguments(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(store.arguments());
        return all;
    }

    /** Starts {@code scim-purge ARGS} in a JVM of its own, with this workspace's environment, as a shell or a pod would. */
    public ScimPurgeProcess startInAnotherJvm(String logName, List<String> args) {
        return ScimPurgeProcess.start(root, logName, environment, args);
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

    /** The newest plan report (planned_deletions_*.json), parsed. */
    public JsonNode latestPlanReport() {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(latestPlanFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest plan report's file. */
    public Path latestPlanFile() {
        try (Stream<Path> files = Files.list(reports())) {
            return files.filter(f -> f.getFileName().toString().startsWith("planned_deletions_")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no plan report in " + reports()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC connection to the job database, for assertions on what was recorded. */
    public Connection jobDatabase() {
        return store.connect();
    }

    /** The newest execution's id and status, e.g. "7 STARTED"; empty when there is none. */
    public Optional<ExecutionRow> lastExecution() {
        try (Connection c = jobDatabase(); var rs = c.createStatement().executeQuery(
                "SELECT JOB_EXECUTION_ID, STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")) {
            return rs.next() ? Optional.of(new ExecutionRow(rs.getLong(1), rs.getString(2))) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public record ExecutionRow(long id, String status) {
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
