package dev.scimpurge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import dev.scimpurge.ScimPurgeApplication;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.scim.ScimHttpClientFactory;

/**
 * The throughput benchmark ({@code bench/run}; README, Performance). Starts the sandbox in this
 * JVM and runs scim-purge as a separate JVM per scenario, so that its heap is its own; prints one
 * table and its ratios. Not a test: timings on a shared machine prove nothing in a unit suite.
 */
public final class Benchmark {

    private static final String TOKEN = "bench-token";

    private final Map<String, String> options;
    private final Path work;
    private final List<Row> rows = new ArrayList<>();

    private Benchmark(Map<String, String> options, Path work) {
        this.options = options;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("latency", "20", "users", "5000", "rows", "1000",
                "rate", "50", "big", "1000000", "tuned", "--concurrency 16 --lookup directory", "tuned-jvm", "-Dscim-purge.job.chunk-size=64"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path work = Files.createTempDirectory("scim-purge-bench");
        new Benchmark(options, work).run();
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        int latency = option("latency");
        int users = option("users");
        int count = option("rows");
        int rate = option("rate");
        List<String> tuned = List.of(options.get("tuned").split(" "));
        int tunedConcurrency = Integer.parseInt(tuned.get(tuned.indexOf("--concurrency") + 1));
        System.out.printf("scim-purge benchmark: sandbox latency %d ms, CSV of %d users out of %d, %d cores, java %s%n%n", latency, count,
                users, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path csv = csv("targets.csv", count, users / count, 0);

        ceiling(8, users, count, latency);
        rows.clear(); // the first pass only warms this JVM up, so the ceiling is not understated
        Row ceiling8 = ceiling(8, users, count, latency);
        Row ceilingTuned = ceiling(tunedConcurrency, users, count, latency);
        Row baseline = purge("sequential baseline (--concurrency 1 --lookup filter --bulk off)", users, latency, 0, csv,
                List.of("--concurrency", "1", "--lookup", "filter", "--bulk", "off"), List.of());
        Row defaults = purge("scim-purge defaults (generic: --concurrency 8, --lookup auto)", users, latency, 0, csv, List.of(), List.of());
        List<String> tunedJvm = options.get("tuned-jvm").isBlank() ? List.of() : List.of(options.get("tuned-jvm").split(" "));
        Row best = purge("scim-purge tuned (" + String.join(" ", tuned) + " " + String.join(" ", tunedJvm) + ")", users, latency, 0, csv,
                tuned, tunedJvm);
        Row limitedDefaults = purge("429 sandbox at " + rate + "/s, defaults", users, latency, rate, csv, List.of(), List.of());
        Row limitedPaced = purge("429 sandbox at " + rate + "/s, --rate " + (int) (rate * 0.97), users, latency, rate, csv,
                List.of("--rate", String.valueOf((int) (rate * 0.97))), List.of());
        int big = option("big");
        Row bigCsv = null;
        Row bigDirectory = null;
        if (big > 0) {
            bigCsv = purge(String.format("%,d-row CSV, --dry-run, -Xmx256m", big), users, latency, 0,
                    csv("big.csv", big, 1, big - users), List.of("--dry-run"), List.of());
            bigDirectory = purge(String.format("directory of %,d users, --lookup directory, -Xmx256m", big), big, latency, 0,
                    csv("spread.csv", count, big / count, 0), List.of("--lookup", "directory"), List.of("-Dscim-purge.job.list-page-size=1000"));
        }

        System.out.println();
        System.out.println("| scenario | wall s | removals | removals/s | remove phase /s | GET | DELETE | POST | refused (429) | failed | peak heap MB |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.forEach(row -> System.out.println(row.markdown()));
        System.out.println();
        System.out.printf("- defaults vs sequential baseline: %.1f× faster (job wall time)%n", baseline.jobSeconds / defaults.jobSeconds);
        System.out.printf("- tuned vs sequential baseline: %.1f× faster%n", baseline.jobSeconds / best.jobSeconds);
        System.out.printf("- defaults' remove phase vs raw ceiling at concurrency 8: %.0f%%%n", 100 * defaults.removePhaseRate() / ceiling8.rate());
        System.out.printf("- tuned remove phase vs raw ceiling at concurrency %d: %.0f%%%n", tunedConcurrency,
                100 * best.removePhaseRate() / ceilingTuned.rate());
        for (Row limited : List.of(limitedDefaults, limitedPaced)) {
            System.out.printf("- %s: %.1f useful requests/s = %.0f%% of the allowed %d/s, %d failed%n", limited.name,
                    limited.usefulRequests / limited.jobSeconds, 100 * limited.usefulRequests / limited.jobSeconds / rate, rate, limited.failed);
        }
        if (bigCsv != null) {
            System.out.printf("- %s: %s, peak heap after GC %d MB%n", bigCsv.name, bigCsv.status, bigCsv.peakHeapMb);
            System.out.printf("- %s: %s, peak heap after GC %d MB%n", bigDirectory.name, bigDirectory.status, bigDirectory.peakHeapMb);
        }
    }

    /** Rows 1, 1+step, 1+2*step... of the seeded users (user00001@example.test...), then {@code unknown} addresses nobody has. */
    private Path csv(String name, int count, int step, int unknown) throws IOException {
        Path file = work.resolve(name);
        try (var out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count - unknown; i++) {
                out.write("user%05d@example.test\n".formatted(1 + i * step));
            }
            for (int i = 0; i < unknown; i++) {
                out.write("nobody%07d@example.test\n".formatted(i));
            }
        }
        return file;
    }

    private SandboxScimServer sandbox(int users, int latency) {
        return SandboxScimServer.start(SandboxSettings.defaults().withUsers(users).withDeactivatedFraction(0)
                .withLatency(Duration.ofMillis(latency)).withToken(TOKEN), 0);
    }

    /** Plain DELETEs of the same users from {@code concurrency} threads, no job: what the sandbox can do at that concurrency. */
    private Row ceiling(int concurrency, int users, int count, int latency) throws Exception {
        try (SandboxScimServer sandbox = sandbox(users, latency);
                CloseableHttpClient http = ScimHttpClientFactory.create(Duration.ofSeconds(10), Duration.ofSeconds(60), concurrency, null, false, null)) {
            List<String> ids = new ArrayList<>();
            int step = users / count;
            for (int i = 0; i < count; i++) {
                ids.add(sandbox.directory().byEmail("user%05d@example.test".formatted(1 + i * step)).orElseThrow().id());
            }
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            long started = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                        HttpDelete delete = new HttpDelete(URI.create(sandbox.baseUrl() + "/Users/" + ids.get(i)));
                        delete.setHeader("Authorization", "Bearer " + TOKEN);
                        http.execute(delete, response -> response.getCode());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            Row row = new Row("raw ceiling: plain DELETEs, " + concurrency + " threads, no job", "COMPLETED", seconds, seconds, seconds,
                    users - sandbox.directory().size(), 0, sandbox.requests().count("GET"), sandbox.requests().count("DELETE"),
                    sandbox.requests().count("POST"), 0, 0, 0);
            rows.add(row);
            System.out.println(row.name + ": " + row.removals + " in " + String.format("%.2f s", seconds));
            return row;
        }
    }

    private Row purge(String name, int users, int latency, int rateLimit, Path csv, List<String> arguments, List<String> jvmOptions)
            throws Exception {
        try (SandboxScimServer sandbox = sandbox(users, latency)) {
            if (rateLimit > 0) {
                sandbox.faults().rateLimit(rateLimit, 1);
            }
            Path dir = Files.createTempDirectory(work, "run");
            Path gcLog = dir.resolve("gc.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Xlog:gc:file=" + gcLog));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScimPurgeApplication.class.getName(), "purge",
                    "--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--db", dir.resolve("db/jobs").toString(),
                    "--report-dir", dir.toString(), "--yes", "--max-deletes", "10000000"));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
            builder.environment().put("SCIM_TOKEN", TOKEN);
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            double wall = (System.nanoTime() - started) / 1e9;
            List<String> lines = sandbox.requests().lines();
            Row row = fromJobDatabase(name, dir.resolve("db/jobs"), wall, sandbox, new HashSet<>(lines).size(), lines.size(), peakHeapMb(gcLog));
            rows.add(row);
            System.out.println(row.name + ": " + row.status + " in " + String.format("%.1f s", wall) + " (log " + dir.resolve("out.log") + ")");
            return row;
        }
    }

    private static Row fromJobDatabase(String name, Path database, double wall, SandboxScimServer sandbox, int distinctRequests,
            int allRequests, long peakHeapMb) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database, "sa", "")) {
            String status = single(c, "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1");
            double job = seconds(c, "SELECT MIN(START_TIME), MAX(END_TIME) FROM BATCH_JOB_EXECUTION");
            double remove = seconds(c, "SELECT MIN(START_TIME), MAX(END_TIME) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'removeAccounts'");
            long removals = Long.parseLong(single(c, "SELECT COUNT(*) FROM PURGE_OUTCOME WHERE OUTCOME IN ('DELETED', 'ALREADY_GONE')"));
            long failed = Long.parseLong(single(c, "SELECT COUNT(*) FROM PURGE_OUTCOME WHERE OUTCOME = 'FAILED'"));
            return new Row(name, status, wall, job, remove, removals, failed, sandbox.requests().count("GET"),
                    sandbox.requests().count("DELETE"), sandbox.requests().count("POST"), allRequests - distinctRequests, distinctRequests,
                    peakHeapMb);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static double seconds(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            Timestamp from = rs.getTimestamp(1);
            Timestamp to = rs.getTimestamp(2);
            return from == null || to == null ? 0 : Duration.between(from.toInstant(), to.toInstant()).toMillis() / 1000.0;
        }
    }

    /** The largest heap in use after a young or mixed collection: the live set, not the garbage G1 lets pile up before one. */
    private static long peakHeapMb(Path gcLog) {
        Pattern pause = Pattern.compile("Pause (Young|Full).*?(\\d+)M->(\\d+)M");
        long peak = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = pause.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return peak;
    }

    private record Row(String name, String status, double wallSeconds, double jobSeconds, double removeSeconds, long removals,
            long failed, int gets, int deletes, int posts, int refused, int usefulRequests, long peakHeapMb) {

        double rate() {
            return removals / jobSeconds;
        }

        double removePhaseRate() {
            return removeSeconds == 0 ? 0 : removals / removeSeconds;
        }

        String markdown() {
            return String.format(Locale.ROOT, "| %s | %.1f | %d | %.1f | %s | %d | %d | %d | %d | %d | %s |", name, wallSeconds, removals,
                    removals / wallSeconds, removeSeconds == 0 ? "" : String.format(Locale.ROOT, "%.1f", removePhaseRate()), gets, deletes,
                    posts, refused, failed, peakHeapMb == 0 ? "" : String.valueOf(peakHeapMb));
        }
    }
}
