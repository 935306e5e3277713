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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import dev.scimpurge.ScimPurgeApplication;
import dev.scimpurge.sandbox.ListCost;
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
    private Path lastRun;
    private int lastPort;
    private int lastListPages;
    private int lastFilterQueries;

    private Benchmark(Map<String, String> options, Path work) {
        this.options = options;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("latency", "20", "users", "5000", "rows", "1000",
                "rate", "50", "big", "1000000", "tuned", "--concurrency 16 --lookup directory", "tuned-jvm", "", "repeat", "3", "bulk", "100",
                "list-cost", "1000"));
        options.put("startup", "5");
        options.put("only", "all");
        options.put("verify", "");
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
        boolean removeOnly = options.get("only").equals("remove");
        if (option("startup") > 0 && !removeOnly) {
            new StartupBenchmark(work, option("startup")).run();
        }
        if (options.get("only").equals("startup")) {
            return;
        }
        int latency = option("latency");
        int users = option("users");
        int count = option("rows");
        int rate = option("rate");
        List<String> verify = options.get("verify").isBlank() ? List.of() : List.of("--verify", options.get("verify"));
        List<String> tuned = concat(List.of(options.get("tuned").split(" ")), verify);
        int tunedConcurrency = Integer.parseInt(tuned.get(tuned.indexOf("--concurrency") + 1));
        System.out.printf("scim-purge benchmark: sandbox latency %d ms, CSV of %d users out of %d, %d cores, java %s%n%n", latency, count,
                users, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path csv = csv("targets.csv", count, users / count, 0);
        List<String> only = List.of(options.get("only").split(","));
        if (only.contains("pace") || only.contains("plan")) {
            List<String> lines = new ArrayList<>();
            if (only.contains("pace")) {
                lines.addAll(learnedPace(users, latency, rate, csv));
            }
            if (only.contains("plan")) {
                lines.addAll(planTime(users, latency, csv));
            }
            lines.forEach(System.out::println);
            return;
        }

        ceiling(8, users, count, latency); // only warms this JVM up, so that the ceiling is not understated
        List<String> defaultOptions = verify;
        List<String> tunedJvm = options.get("tuned-jvm").isBlank() ? List.of() : List.of(options.get("tuned-jvm").split(" "));
        String tunedName = "scim-purge tuned (" + String.join(" ", tuned) + (tunedJvm.isEmpty() ? "" : " " + String.join(" ", tunedJvm)) + ")";
        if (removeOnly) {
            removePhases(defaultOptions, tuned, tunedJvm, tunedName, tunedConcurrency, users, count, latency, csv);
            return;
        }
        Row baseline = shown(purge("sequential baseline (--concurrency 1 --lookup filter --bulk off)", service(users, latency), 0, csv,
                List.of("--concurrency", "1", "--lookup", "filter", "--bulk", "off"), List.of()));
        Alternated defaults = alternately(() -> ceiling(8, users, count, latency),
                () -> purge(defaultsName(defaultOptions), service(users, latency), 0, csv, defaultOptions, List.of()));
        Alternated best = alternately(() -> ceiling(tunedConcurrency, users, count, latency),
                () -> purge(tunedName, service(users, latency), 0, csv, tuned, tunedJvm));
        int bulk = option("bulk");
        Row withBulk = bulk == 0 ? null : shown(purge("scim-purge defaults against a sandbox with SCIM Bulk (maxOperations " + bulk + ")",
                service(users, latency).withBulk(bulk, 1_048_576), 0, csv, List.of(), List.of()));
        Row limitedPaced = shown(purge("429 sandbox at " + rate + "/s, --rate " + (int) (rate * 0.97), service(users, latency), rate, csv,
                List.of("--rate", String.valueOf((int) (rate * 0.97))), List.of()));
        // the defaults against the 429 sandbox: the pace learned from its 429s, and kept for the next run of the target
        List<String> pace = learnedPace(users, latency, rate, csv);
        List<String> plan = planTime(users, latency, csv);
        int big = option("big");
        Row bigCsv = null;
        Row bigDirectory = null;
        if (big > 0) {
            bigCsv = shown(purge(String.format("%,d-row CSV, --dry-run, -Xmx256m", big), service(users, latency), 0,
                    csv("big.csv", big, 1, big - users), List.of("--dry-run"), List.of()));
            bigDirectory = shown(purge(String.format("directory of %,d users, --lookup directory, -Xmx256m", big), service(big, latency), 0,
                    csv("spread.csv", count, big / count, 0), List.of("--lookup", "directory"), List.of("-Dscim-purge.job.list-page-size=1000")));
        }

        int listCost = option("list-cost");
        List<LookupRun> lookups = new ArrayList<>();
        if (listCost > 0) {
            SandboxSettings expensive = service(users, latency).withFaults(faults -> {
                faults.listCost(ListCost.unfilteredLists(Duration.ofMillis(listCost), Duration.ZERO));
                faults.filterQueryCost(Duration.ofMillis(100));
            });
            String server = String.format("list page %d ms, filter query 100 ms", listCost);
            lookups.add(lookupRun(purge(server + ", " + count + " addresses, defaults", expensive, 0, csv, List.of(), List.of())));
            lookups.add(lookupRun(purge(server + ", " + count + " addresses, --lookup directory in pages of 100 (the earlier default)",
                    expensive, 0, csv, List.of("--lookup", "directory"), List.of("-Dscim-purge.job.list-page-size=100"))));
            lookups.add(lookupRun(purge(server + ", 20 addresses, defaults", expensive, 0, csv("few.csv", 20, users / 20, 0), List.of(),
                    List.of())));
        }

        printTable();
        System.out.printf("- defaults vs sequential baseline: %.1f× faster (job wall time)%n", baseline.jobSeconds / defaults.purge().jobSeconds);
        System.out.printf("- tuned vs sequential baseline: %.1f× faster%n", baseline.jobSeconds / best.purge().jobSeconds);
        System.out.printf("- defaults' remove phase vs raw ceiling at concurrency 8: %s%n", defaults.ratios());
        System.out.printf("- tuned remove phase vs raw ceiling at concurrency %d: %s%n", tunedConcurrency, best.ratios());
        if (withBulk != null) {
            System.out.printf("- SCIM Bulk vs sequential baseline: %.1f× faster (job wall time); its remove phase %.1f× the raw ceiling at "
                    + "concurrency 8 (one latency per Bulk request of up to %d removals)%n", baseline.jobSeconds / withBulk.jobSeconds,
                    withBulk.removePhaseRate() / defaults.ceiling().rate(), bulk);
        }
        for (Row limited : List.of(limitedPaced)) {
            RequestTimes sent = limited.requestTimes;
            System.out.printf(Locale.ROOT, "- %s: %d failed, %d refused (429)%n", limited.name, limited.failed, limited.refused);
            System.out.printf(Locale.ROOT, "  - while requests were sent: %.1f admitted/s (%d in %.1f s, first to last request) = %.0f%% of %d/s%n",
                    sent.admittedPerSecond(), sent.admitted(), sent.seconds(), 100 * sent.admittedPerSecond() / rate, rate);
            System.out.printf(Locale.ROOT, "  - remove phase (first to last DELETE, %.1f s, %d DELETEs): %.1f admitted requests/s = %.0f%% of %d/s%n",
                    sent.deleteSeconds(), sent.admittedDeletes(), sent.removePhaseAdmittedPerSecond(0),
                    100 * sent.removePhaseAdmittedPerSecond(0) / rate, rate);
            System.out.printf(Locale.ROOT, "  - whole job (start to end of the job execution, as before): %.1f admitted/s = %.0f%% of %d/s%n",
                    limited.usefulRequests / limited.jobSeconds, 100 * limited.usefulRequests / limited.jobSeconds / rate, rate);
        }
        pace.forEach(System.out::println);
        plan.forEach(System.out::println);
        if (!lookups.isEmpty()) {
            System.out.println();
            System.out.println("| expensive list endpoint | lookup chosen | list pages | filter queries | plan s (probe, copy, resolve) |");
            System.out.println("| --- | --- | ---: | ---: | ---: |");
            lookups.forEach(run -> System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.1f |%n", run.row().name, run.lookup(), run.listPages(),
                    run.filterQueries(), run.planSeconds()));
            lookups.forEach(run -> System.out.println("- " + run.row().name + ": " + run.reason()));
        }
        if (bigCsv != null) {
            System.out.printf("- %s: %s, peak heap after GC %d MB%n", bigCsv.name, bigCsv.status, bigCsv.peakHeapMb);
            System.out.printf("- %s: %s, peak heap after GC %d MB%n", bigDirectory.name, bigDirectory.status, bigDirectory.peakHeapMb);
        }
    }

    /** {@code --only remove}: the raw ceilings and the remove phases of the defaults and the tuned purge, nothing else. */
    private void removePhases(List<String> defaultOptions, List<String> tuned, List<String> tunedJvm, String tunedName,
            int tunedConcurrency, int users, int count, int latency, Path csv) throws Exception {
        Alternated defaults = alternately(() -> ceiling(8, users, count, latency),
                () -> purge(defaultsName(defaultOptions), service(users, latency), 0, csv, defaultOptions, List.of()));
        Alternated best = alternately(() -> ceiling(tunedConcurrency, users, count, latency),
                () -> purge(tunedName, service(users, latency), 0, csv, tuned, tunedJvm));
        printTable();
        System.out.printf("- defaults' remove phase vs raw ceiling at concurrency 8: %s%n", defaults.ratios());
        System.out.printf("- tuned remove phase vs raw ceiling at concurrency %d: %s%n", tunedConcurrency, best.ratios());
    }

    private static String defaultsName(List<String> options) {
        return "scim-purge defaults (generic: --concurrency 8, --lookup auto" + (options.isEmpty() ? "" : "; " + String.join(" ", options)) + ")";
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private void printTable() {
        System.out.println();
        System.out.println("| scenario | wall s | removals | removals/s | remove phase /s | GET | DELETE | POST | refused (429) | failed | peak heap MB |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.forEach(row -> System.out.println(row.markdown()));
        System.out.println();
    }

    private Row shown(Row row) {
        rows.add(row);
        return row;
    }

    private interface Measurement {
        Row run() throws Exception;
    }

    /**
     * A purge and the raw ceiling at its concurrency, each measured {@code --repeat} times, one after the other, so that
     * each purge is compared with a ceiling measured under the same load of a shared machine; the table shows the medians.
     */
    private Alternated alternately(Measurement ceiling, Measurement purge) throws Exception {
        List<Row> ceilings = new ArrayList<>();
        List<Row> purges = new ArrayList<>();
        for (int i = 0; i < option("repeat"); i++) {
            ceilings.add(ceiling.run());
            purges.add(purge.run());
        }
        Alternated alternated = new Alternated(ceilings, purges);
        shown(alternated.ceiling());
        shown(alternated.purge());
        return alternated;
    }

    /** Alternate measurements of the raw ceiling and of a purge's remove phase. */
    private record Alternated(List<Row> ceilings, List<Row> purges) {

        Row ceiling() {
            return median(ceilings, Row::rate);
        }

        Row purge() {
            return median(purges, Row::removePhaseRate);
        }

        private static Row median(List<Row> measured, ToDoubleFunction<Row> by) {
            List<Row> sorted = measured.stream().sorted(Comparator.comparingDouble(by)).toList();
            Row median = sorted.get(sorted.size() / 2);
            return sorted.size() == 1 ? median : median.named(median.name + " (median of " + sorted.size() + ")");
        }

        /** The ratio of the medians, and of each purge to the ceiling measured just before it. */
        String ratios() {
            List<String> each = new ArrayList<>();
            for (int i = 0; i < purges.size(); i++) {
                each.add(String.format(Locale.ROOT, "%.0f%%", 100 * purges.get(i).removePhaseRate() / ceilings.get(i).rate()));
            }
            return String.format(Locale.ROOT, "%.0f%% (%.1f/s vs %.1f/s; each run against the ceiling just before it: %s)",
                    100 * purge().removePhaseRate() / ceiling().rate(), purge().removePhaseRate(), ceiling().rate(), String.join(", ", each));
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

    private static SandboxSettings service(int users, int latency) {
        return SandboxSettings.defaults().withUsers(users).withDeactivatedFraction(0).withLatency(Duration.ofMillis(latency)).withToken(TOKEN);
    }

    /**
     * Plain DELETEs of the same users from {@code concurrency} threads, no job: what the sandbox can do at that concurrency.
     * When the purges read each removal back ({@code --verify all}, the generic profile's default), each DELETE is
     * followed by the GET that does it, so that the ceiling sends what the remove phase sends.
     */
    private Row ceiling(int concurrency, int users, int count, int latency) throws Exception {
        boolean readBack = !options.get("verify").equals("none");
        try (SandboxScimServer sandbox = SandboxScimServer.start(service(users, latency), 0);
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
                        if (readBack) {
                            HttpGet get = new HttpGet(URI.create(sandbox.baseUrl() + "/Users/" + ids.get(i)));
                            get.setHeader("Authorization", "Bearer " + TOKEN);
                            http.execute(get, response -> response.getCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            Row row = new Row("raw ceiling: plain DELETEs" + (readBack ? " and their read-backs (GET)" : "") + ", " + concurrency
                    + " threads, no job", "COMPLETED", seconds, seconds, seconds,
                    users - sandbox.directory().size(), 0, sandbox.requests().count("GET"), sandbox.requests().count("DELETE"),
                    sandbox.requests().count("POST"), 0, 0, 0, null);
            System.out.println(row.name + ": " + row.removals + " in " + String.format("%.2f s", seconds));
            return row;
        }
    }

    private Row purge(String name, SandboxSettings service, int rateLimit, Path csv, List<String> arguments, List<String> jvmOptions)
            throws Exception {
        return purge(name, service, rateLimit, csv, arguments, jvmOptions, Files.createTempDirectory(work, "run"), 0);
    }

    /** A purge in {@code dir} (its job database and reports; one that holds a run already gets another), against a sandbox on {@code port} (0: any). */
    private Row purge(String name, SandboxSettings service, int rateLimit, Path csv, List<String> arguments, List<String> jvmOptions,
            Path dir, int port) throws Exception {
        try (SandboxScimServer sandbox = SandboxScimServer.start(service, port)) {
            if (rateLimit > 0) {
                sandbox.faults().rateLimit(rateLimit, 1);
            }
            lastRun = dir;
            lastPort = sandbox.baseUrl().getPort();
            Path gcLog = dir.resolve("gc.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Xlog:gc:file=" + gcLog));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScimPurgeApplication.class.getName(), "purge",
                    "--url", sandbox.baseUrl().toString(), "--csv", csv.toString(), "--db", dir.resolve("db/jobs").toString(),
                    "--report-dir", dir.toString(), "--yes", "--max-deletes", "10000000"));
            command.addAll(arguments);
            Path out = newLog(dir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("SCIM_TOKEN", TOKEN);
            RequestClock clock = RequestClock.start(sandbox);
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            double wall = (System.nanoTime() - started) / 1e9;
            RequestTimes requestTimes = clock.stop();
            // A resent request repeats its request line; every Bulk request has the same line, so Bulk requests are left out.
            List<String> lines = sandbox.requests().lines().stream().filter(line -> !line.matches("POST \\S*/Bulk")).toList();
            lastListPages = (int) lines.stream().filter(line -> line.matches("GET \\S*/Users\\?startIndex=.*")).count();
            lastFilterQueries = (int) lines.stream().filter(line -> line.matches("GET \\S*/Users\\?filter=.*")).count();
            Row row = fromJobDatabase(name, dir.resolve("db/jobs"), wall, sandbox, new HashSet<>(lines).size(), lines.size(), peakHeapMb(gcLog),
                    requestTimes);
            System.out.println(row.name + ": " + row.status + " in " + String.format("%.1f s", wall) + " (log " + out + ")");
            return row;
        }
    }

    /**
     * The pace learned from 429s, and kept for the target: a first run of a target against the 429 sandbox, then a
     * second run of the same target (the same URL, a sandbox on the same port, the same job database, {@code --run-id 2}),
     * which starts at the pace the first learned.
     */
    private List<String> learnedPace(int users, int latency, int rate, Path csv) throws Exception {
        Path dir = Files.createTempDirectory(work, "pace");
        String name = "429 sandbox at " + rate + "/s, defaults";
        Row first = shown(purge(name + ", a target's first run", service(users, latency), rate, csv, List.of(), List.of(), dir, 0));
        Optional<Double> learnedFirst = learnedPace(dir);
        Row second = shown(purge(name + ", the same target's next run (--run-id 2)", service(users, latency), rate, csv,
                List.of("--run-id", "2"), List.of(), dir, lastPort));
        Optional<Double> learnedSecond = learnedPace(dir);
        List<String> lines = new ArrayList<>();
        lines.add("- learned 429 pace (" + name + ", a directory of " + users + ", " + Files.readAllLines(csv).size() + " rows):");
        lines.addAll(paceLines(first, learnedFirst, rate));
        lines.addAll(paceLines(second, learnedSecond, rate));
        return lines;
    }

    private static List<String> paceLines(Row run, Optional<Double> learned, int rate) {
        RequestTimes sent = run.requestTimes;
        return List.of(
                String.format(Locale.ROOT, "  - %s: %s, %d failed, %d refused (429)%s", run.name, run.status, run.failed, run.refused,
                        sent.refusals()),
                String.format(Locale.ROOT, "    - remove phase (first to last DELETE, %.1f s, %d DELETEs): %.1f admitted requests/s = %.0f%% of "
                        + "%d/s; after its first 2 s: %.0f%%", sent.deleteSeconds(), sent.admittedDeletes(), sent.removePhaseAdmittedPerSecond(0),
                        100 * sent.removePhaseAdmittedPerSecond(0) / rate, rate, 100 * sent.removePhaseAdmittedPerSecond(2) / rate),
                learned.map(pace -> String.format(Locale.ROOT, "    - the pace kept for the target after it: %.1f/s = %.0f%% of %d/s", pace,
                        100 * pace / rate, rate)).orElse("    - no pace kept for the target"));
    }

    private static Optional<Double> learnedPace(Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db/jobs"), "sa", "")) {
            return Optional.ofNullable(single(c, "SELECT RATE_PER_SECOND FROM PURGE_TARGET_PACE")).map(Double::valueOf);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * Planning, per 1,000 planned rows: from the start of the resolve step (the directory copy has ended) to the first
     * removal sent (its row in the removal-attempt log, written just before), median of {@code --repeat} runs.
     */
    private List<String> planTime(int users, int latency, Path csv) throws Exception {
        List<PlanRun> runs = new ArrayList<>();
        for (int i = 0; i < option("repeat"); i++) {
            Row row = purge("plan: " + users + " users, --lookup directory", service(users, latency), 0, csv, List.of("--lookup", "directory"),
                    List.of());
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + lastRun.resolve("db/jobs"), "sa", "")) {
                Map<String, Double> steps = new LinkedHashMap<>();
                for (String step : List.of("collectCandidates", "copyDirectory", "resolveAccounts", "checkGuards")) {
                    steps.put(step, seconds(c, "SELECT START_TIME, END_TIME FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = '" + step + "'"));
                }
                steps.put("remove step start to first removal", seconds(c, "SELECT (SELECT START_TIME FROM BATCH_STEP_EXECUTION "
                        + "WHERE STEP_NAME = 'removeAccounts'), (SELECT MIN(SENT_AT) FROM PURGE_REMOVAL_ATTEMPT)"));
                double plan = seconds(c, "SELECT (SELECT START_TIME FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'resolveAccounts'), "
                        + "(SELECT MIN(SENT_AT) FROM PURGE_REMOVAL_ATTEMPT)");
                runs.add(new PlanRun(row.removals, plan, steps));
            }
        }
        List<PlanRun> sorted = runs.stream().sorted(Comparator.comparingDouble(PlanRun::perThousand)).toList();
        PlanRun median = sorted.get(sorted.size() / 2);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "- plan time per 1,000 rows (a directory of %d, %d planned, --lookup directory; from the start of the "
                + "resolve step to the first removal; median of %d): %.2f s (each run: %s)", users, median.planned(), runs.size(),
                median.perThousand(), String.join(", ", runs.stream().map(run -> String.format(Locale.ROOT, "%.2f", run.perThousand())).toList())));
        median.steps().forEach((step, seconds) -> lines.add(String.format(Locale.ROOT, "  - %s: %.3f s", step, seconds)));
        return lines;
    }

    private record PlanRun(long planned, double seconds, Map<String, Double> steps) {

        double perThousand() {
            return planned == 0 ? 0 : seconds * 1000 / planned;
        }
    }

    /** A new log file in {@code dir}: out.log, or out-2.log... when a run there wrote one before. */
    private static Path newLog(Path dir) {
        Path log = dir.resolve("out.log");
        for (int run = 2; Files.exists(log); run++) {
            log = dir.resolve("out-" + run + ".log");
        }
        return log;
    }

    /** How the run just measured looked its addresses up, from its job database and the sandbox's request log. */
    private LookupRun lookupRun(Row row) throws SQLException {
        shown(row);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + lastRun.resolve("db/jobs"), "sa", "")) {
            double plan = seconds(c, "SELECT MIN(START_TIME), MAX(END_TIME) FROM BATCH_STEP_EXECUTION "
                    + "WHERE STEP_NAME IN ('copyDirectory', 'resolveAccounts')");
            return new LookupRun(row, single(c, "SELECT LOOKUP FROM PURGE_EXECUTION ORDER BY JOB_EXECUTION_ID LIMIT 1"),
                    single(c, "SELECT LOOKUP_REASON FROM PURGE_EXECUTION ORDER BY JOB_EXECUTION_ID LIMIT 1"), lastListPages, lastFilterQueries, plan);
        }
    }

    private record LookupRun(Row row, String lookup, String reason, int listPages, int filterQueries, double planSeconds) {
    }

    private static Row fromJobDatabase(String name, Path database, double wall, SandboxScimServer sandbox, int distinctRequests,
            int allRequests, long peakHeapMb, RequestTimes requestTimes) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database, "sa", "")) {
            // The latest execution only: a database may hold an earlier run of the same target (the learned pace's second run).
            String latest = "(SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)";
            String status = single(c, "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1");
            double job = seconds(c, "SELECT MIN(START_TIME), MAX(END_TIME) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = " + latest);
            double remove = seconds(c, "SELECT MIN(START_TIME), MAX(END_TIME) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'removeAccounts'"
                    + " AND JOB_EXECUTION_ID = " + latest);
            long removals = Long.parseLong(single(c, "SELECT COUNT(*) FROM PURGE_OUTCOME WHERE OUTCOME IN ('DELETED', 'ALREADY_GONE')"
                    + " AND JOB_EXECUTION_ID = " + latest));
            long failed = Long.parseLong(single(c, "SELECT COUNT(*) FROM PURGE_OUTCOME WHERE OUTCOME = 'FAILED' AND JOB_EXECUTION_ID = " + latest));
            return new Row(name, status, wall, job, remove, removals, failed, sandbox.requests().count("GET"),
                    sandbox.requests().count("DELETE"), sandbox.requests().count("POST"), allRequests - distinctRequests, distinctRequests,
                    peakHeapMb, requestTimes);
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

    /**
     * When the sandbox received its requests, from its request log: the log keeps no times, so a thread reads
     * its size every {@value #SAMPLE_MILLIS} ms and stamps what arrived since with the time it saw them.
     */
    private static final class RequestClock {

        private static final int SAMPLE_MILLIS = 5;

        private final SandboxScimServer sandbox;
        private final List<long[]> samples = new ArrayList<>();
        private final Thread sampler;
        private volatile boolean running = true;

        private RequestClock(SandboxScimServer sandbox) {
            this.sandbox = sandbox;
            this.sampler = new Thread(this::sample, "request-clock");
        }

        static RequestClock start(SandboxScimServer sandbox) {
            RequestClock clock = new RequestClock(sandbox);
            clock.sampler.start();
            return clock;
        }

        private void sample() {
            int seen = 0;
            while (running) {
                int total = sandbox.requests().total();
                if (total != seen) {
                    samples.add(new long[] {System.nanoTime(), total});
                    seen = total;
                }
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Stops sampling (the purge's process has ended, so nothing more arrives). */
        RequestTimes stop() throws InterruptedException {
            running = false;
            sampler.join();
            samples.add(new long[] {System.nanoTime(), sandbox.requests().total()});
            List<String> lines = sandbox.requests().lines();
            long[] arrivedAt = new long[lines.size()];
            int request = 0;
            for (long[] sample : samples) {
                for (; request < sample[1] && request < arrivedAt.length; request++) {
                    arrivedAt[request] = sample[0];
                }
            }
            return new RequestTimes(lines, arrivedAt);
        }
    }

    /**
     * The requests the sandbox received, in order, and when. A request refused with 429 is sent again with the same
     * request line, so the distinct lines are the requests admitted.
     */
    private record RequestTimes(List<String> lines, long[] arrivedAt) {

        int admitted() {
            return new HashSet<>(lines).size();
        }

        double seconds() {
            return lines.isEmpty() ? 0 : (arrivedAt[lines.size() - 1] - arrivedAt[0]) / 1e9;
        }

        double admittedPerSecond() {
            return admitted() / seconds();
        }

        int admittedDeletes() {
            return (int) lines.stream().filter(line -> line.startsWith("DELETE ")).distinct().count();
        }

        double deleteSeconds() {
            int first = -1;
            int last = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("DELETE ")) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            return first < 0 ? 0 : (arrivedAt[last] - arrivedAt[first]) / 1e9;
        }

        private int firstDelete() {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("DELETE ")) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Admitted requests of every kind (the removals' re-reads and verifying reads too) per second, from {@code seconds}
         * after the first DELETE to the last DELETE: what the pace spends in the remove phase.
         */
        double removePhaseAdmittedPerSecond(double seconds) {
            int first = firstDelete();
            if (first < 0) {
                return 0;
            }
            long from = arrivedAt[first] + (long) (seconds * 1e9);
            int last = first;
            for (int i = first; i < lines.size(); i++) {
                if (lines.get(i).startsWith("DELETE ")) {
                    last = i;
                }
            }
            Set<String> admitted = new HashSet<>();
            for (int i = first; i <= last; i++) {
                if (arrivedAt[i] >= from) {
                    admitted.add(lines.get(i));
                }
            }
            return arrivedAt[last] <= from ? 0 : admitted.size() / ((arrivedAt[last] - from) / 1e9);
        }

        /** When the requests answered 429 arrived, in seconds from the first DELETE (a refused request's line comes again later). */
        String refusals() {
            int first = firstDelete();
            long zero = first < 0 ? (lines.isEmpty() ? 0 : arrivedAt[0]) : arrivedAt[first];
            Map<String, Integer> later = new HashMap<>();
            lines.forEach(line -> later.merge(line, 1, Integer::sum));
            Map<String, Integer> at = new TreeMap<>(Comparator.comparingDouble(Double::parseDouble));
            for (int i = 0; i < lines.size(); i++) {
                if (later.merge(lines.get(i), -1, Integer::sum) > 0) {
                    at.merge(String.format(Locale.ROOT, "%.1f", (arrivedAt[i] - zero) / 1e9), 1, Integer::sum);
                }
            }
            if (at.isEmpty()) {
                return "";
            }
            List<String> each = new ArrayList<>();
            at.forEach((second, count) -> each.add(second + " s (" + count + ")"));
            return ", at " + String.join(", ", each) + " from the first DELETE";
        }
    }

    private record Row(String name, String status, double wallSeconds, double jobSeconds, double removeSeconds, long removals,
            long failed, int gets, int deletes, int posts, int refused, int usefulRequests, long peakHeapMb, RequestTimes requestTimes) {

        Row named(String newName) {
            return new Row(newName, status, wallSeconds, jobSeconds, removeSeconds, removals, failed, gets, deletes, posts, refused,
                    usefulRequests, peakHeapMb, requestTimes);
        }

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
