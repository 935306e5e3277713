package dev.scimpurge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start-up part of the benchmark: the CPU time (user + system, from bash's {@code times}) of {@code --version},
 * {@code history} and a 10-user sandbox purge, each run as a user runs it, in one configuration after another: the jar
 * with plain {@code java -jar}, the launcher beside it, and the launcher beside an extracted jar with a class data
 * archive from a training run (as the container image has it), plus the levers measured on the way. CPU time rather
 * than wall time, because the machine may be shared: other processes lengthen the wall time, not the CPU time.
 */
final class StartupBenchmark {

    private static final List<String> VERSION = List.of("--version");
    private static final List<String> HISTORY = List.of("history");
    private static final List<String> PURGE = List.of("purge", "--sandbox", "--sandbox-users", "10", "--deactivated");

    private final Path work;
    private final int repeat;
    private final Path jar = Path.of("target/scim-purge.jar").toAbsolutePath();
    private final Path launcher = Path.of("target/scim-purge").toAbsolutePath();
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    StartupBenchmark(Path work, int repeat) {
        this.work = work;
        this.repeat = repeat;
    }

    /** A way to run the command line: the command before the arguments, and the environment it needs. */
    private record Configuration(String name, Function<List<String>, List<String>> command, String javaOpts) {
    }

    /** The median CPU seconds of each command in one configuration. */
    private record Measured(Configuration configuration, double version, double history, double purge) {
    }

    void run() throws Exception {
        Path extracted = extractWithArchive();
        Path extractedJar = extracted.resolve("scim-purge.jar");
        List<Configuration> configurations = List.of(
                new Configuration("java -jar target/scim-purge.jar (before)", args -> javaJar(jar, List.of(), args), ""),
                new Configuration("java -Dspring.main.lazy-initialization=true -jar (lever: lazy beans)",
                        args -> javaJar(jar, List.of("-Dspring.main.lazy-initialization=true"), args), ""),
                new Configuration("java -jar of the extracted jar (lever: no nested jars)", args -> javaJar(extractedJar, List.of(), args), ""),
                new Configuration("java -XX:SharedArchiveFile -jar of the extracted jar (lever: CDS, C2 on)",
                        args -> javaJar(extractedJar, List.of("-XX:SharedArchiveFile=" + extracted.resolve("scim-purge.jsa")), args), ""),
                new Configuration("java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar (lever: C1 only, serial GC)",
                        args -> javaJar(jar, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args), ""),
                new Configuration("target/scim-purge (the launcher: C1 only)", args -> prefixed(launcher, args), ""),
                new Configuration("launcher beside the extracted jar and its CDS archive (the container image)",
                        args -> prefixed(extracted.resolve("scim-purge"), args), ""));
        List<Measured> results = new ArrayList<>();
        for (Configuration configuration : configurations) {
            Measured measured = new Measured(configuration, median(configuration, VERSION, false), median(configuration, HISTORY, false),
                    median(configuration, PURGE, true));
            System.out.printf(Locale.ROOT, "start-up: %s: --version %.2f, history %.2f, purge %.2f CPU-s%n", configuration.name(),
                    measured.version(), measured.history(), measured.purge());
            results.add(measured);
        }
        double before = results.get(0).version();
        System.out.println();
        System.out.printf("Start-up CPU (user + system seconds, median of %d; a 10-user sandbox purge is `%s`):%n%n", repeat,
                String.join(" ", PURGE));
        System.out.println("| how it runs | --version | history | 10-user sandbox purge | history / its --version | purge / its --version "
                + "| history / --version before | purge / --version before |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Measured m : results) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f× | %.1f× | %.1f× | %.1f× |%n", m.configuration().name(), m.version(),
                    m.history(), m.purge(), m.history() / m.version(), m.purge() / m.version(), m.history() / before, m.purge() / before);
        }
        System.out.println();
    }

    private List<String> javaJar(Path jarFile, List<String> options, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options);
        command.addAll(List.of("-jar", jarFile.toString()));
        command.addAll(args);
        return command;
    }

    private static List<String> prefixed(Path program, List<String> args) {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(args);
        return command;
    }

    /**
     * The jar extracted with Spring Boot's tools jar mode, the launcher beside it, and the class data archive of a
     * training run, as jobs/container/Dockerfile makes them.
     */
    private Path extractWithArchive() throws Exception {
        Path extracted = work.resolve("extracted");
        exec(List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.toString()), "", work);
        Path script = extracted.resolve("scim-purge");
        Files.copy(launcher, script);
        script.toFile().setExecutable(true);
        exec(prefixed(script, PURGE), "-XX:ArchiveClassesAtExit=" + extracted.resolve("scim-purge.jsa"), freshState());
        if (!Files.exists(extracted.resolve("scim-purge.jsa"))) {
            throw new IllegalStateException("the training run left no class data archive");
        }
        return extracted;
    }

    private Path freshState() throws IOException {
        return Files.createTempDirectory(work, "state");
    }

    /**
     * The median CPU seconds of {@code repeat} runs. A purge runs with a state directory of its own each time (a first
     * rehearsal); history lists the executions of a state directory in which one purge ran.
     */
    private double median(Configuration configuration, List<String> args, boolean freshEachTime) throws Exception {
        Path state = freshEachTime ? null : freshState();
        if (state != null) {
            exec(configuration.command().apply(PURGE), configuration.javaOpts(), state);
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            seconds.add(exec(configuration.command().apply(args), configuration.javaOpts(), state == null ? freshState() : state));
        }
        seconds.sort(null);
        return seconds.get(seconds.size() / 2);
    }

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

    /** Runs the command under bash and returns its children's user + system CPU seconds, from bash's {@code times}. */
    private double exec(List<String> command, String javaOpts, Path state) throws Exception {
        List<String> bash = new ArrayList<>(List.of("bash", "-c", "\"$@\" >/dev/null 2>\"$0\"; code=$?; times; exit $code",
                state.resolve("stderr.log").toString()));
        bash.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(bash).directory(state.toFile()).redirectErrorStream(false);
        builder.environment().put("XDG_STATE_HOME", state.toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (javaOpts.isEmpty()) {
            builder.environment().remove("JAVA_OPTS");
        } else {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                    + Files.readString(state.resolve("stderr.log")));
        }
        // times prints the shell's own times, then its children's: the second line.
        Matcher children = TIMES.matcher(out.lines().reduce((first, second) -> second).orElse(""));
        if (!children.find()) {
            throw new IllegalStateException("no CPU times from bash: " + out);
        }
        return Integer.parseInt(children.group(1)) * 60 + Double.parseDouble(children.group(2))
                + Integer.parseInt(children.group(3)) * 60 + Double.parseDouble(children.group(4));
    }
}
