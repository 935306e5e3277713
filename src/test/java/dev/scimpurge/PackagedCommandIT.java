package dev.scimpurge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command as a user gets it, after {@code ./mvnw package}: target/scim-purge.jar and
 * the launcher beside it, target/scim-purge. Run by failsafe in {@code ./mvnw verify}, after the jar
 * is built.
 * <p>
 * The README's walkthrough runs as written, from a script: each indented code block that follows a
 * {@code <!-- walkthrough -->} comment, its lines in order, in one bash script with no terminal
 * (standard input from /dev/null), in a fresh directory that has the build's target/ and nothing
 * else, with a HOME of its own. Two things are changed, and only these: the sandbox's port 8080
 * becomes a free one (a shared machine may have 8080 taken), and a line that starts with the build
 * ({@code ./mvnw ... && }) runs from after it, because the jar under test is that build.
 */
class PackagedCommandIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path LAUNCHER = TARGET.resolve("scim-purge");
    private static final Pattern WALKTHROUGH = Pattern.compile("<!-- walkthrough[^>]*-->\\s*\\n((?:\\n|    [^\\n]*\\n)+)");
    private static final String JAVA_BIN = Path.of(System.getProperty("java.home"), "bin").toString();

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    /** Runs {@code command} with a clean environment plus {@code environment}, in {@code workDir}, without a terminal. */
    private Run run(Path workDir, Map<String, String> environment, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("SCIM") || name.startsWith("XDG_") || name.equals("JAVA_HOME"));
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().put("PATH", JAVA_BIN + File.pathSeparator + "/usr/bin:/bin");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static List<String> walkthroughLines() throws IOException {
        Matcher blocks = WALKTHROUGH.matcher(Files.readString(Path.of("README.md")));
        List<String> lines = new ArrayList<>();
        while (blocks.find()) {
            blocks.group(1).lines().filter(l -> !l.isBlank()).map(l -> l.substring(4)).forEach(lines::add);
        }
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theReadmeWalkthroughRunsAsWrittenFromAScriptWithoutATerminal() throws Exception {
        List<String> lines = walkthroughLines();
        assertThat(lines).as("the README marks its walkthrough").anyMatch(l -> l.contains("purge --sandbox --deactivated"))
                .anyMatch(l -> l.contains("sandbox --port 8080"))
                .anyMatch(l -> l.contains("purge --url http://127.0.0.1:8080/scim/v2 --deactivated"));
        String port = String.valueOf(freePort());
        List<String> script = new ArrayList<>(List.of("set -e", "trap 'kill $(jobs -p) 2>/dev/null' EXIT"));
        for (String line : lines) {
            script.add(line.replaceFirst("^\\./mvnw [^&]*&& ", "").replace("8080", port));
        }
        Path clone = Files.createDirectories(dir.resolve("clone"));
        Files.createSymbolicLink(clone.resolve("target"), TARGET);

        Run walkthrough = run(clone, Map.of(), List.of("bash", "-c", String.join("\n", script)));

        assertThat(walkthrough.exitCode()).as(String.join("\n", script) + "\n---\n" + walkthrough.output()).isZero();
        assertThat(walkthrough.output()).as(walkthrough.output())
                .contains("Sandbox SCIM server: http://127.0.0.1:" + port + "/scim/v2")
                .containsPattern("Execution 1 COMPLETED").containsPattern("\\n  deleted +10\\n")
                .containsPattern("Execution 2 COMPLETED").containsPattern("\\n  deleted +40\\n")
                .doesNotContain("\tat ", "ERROR", "Refused");
        assertThat(namesIn(clone)).as("a purge in a clone leaves nothing in it").containsExactly("target");
        Path state = dir.resolve("home/.local/state/scim-purge");
        assertThat(state.resolve("scim-purge.mv.db")).isRegularFile();
        assertThat(namesIn(state.resolve("reports"))).anyMatch(f -> f.startsWith("failed_deletions_"));
    }

    @Test
    void theLauncherFindsTheJarBesideItThroughALinkAndPassesArgumentsAndTheExitCode() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).as(LAUNCHER + " is executable").isTrue();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("scim-purge"), LAUNCHER);
        Map<String, String> onThePath = Map.of("PATH", bin + File.pathSeparator + JAVA_BIN + File.pathSeparator + "/usr/bin:/bin",
                "SCIM_TOKEN", "launcher-token");

        Run version = run(dir, onThePath, List.of("sh", "-c", "scim-purge --version"));
        Path csv = dir.resolve("a file with spaces.csv");
        Run usage = run(dir, onThePath, List.of(bin.resolve("scim-purge").toString(), "purge", "--url", "http://127.0.0.1:9/scim/v2",
                "--csv", csv.toString()));

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).contains("scim-purge");
        assertThat(usage.exitCode()).as(usage.output()).isEqualTo(64);
        assertThat(usage.output()).contains("--csv: cannot read " + csv);
    }

    @Test
    void theLauncherUsesJavaHomeAndJavaOptions() throws Exception {
        Path javaHome = Files.createDirectories(dir.resolve("jdk/bin"));
        Path fakeJava = Files.writeString(javaHome.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\nexit 3\n");
        fakeJava.toFile().setExecutable(true);

        Run run = run(dir, Map.of("JAVA_HOME", dir.resolve("jdk").toString(), "JAVA_OPTS", "-Xmx64m -Dx=*"),
                List.of(LAUNCHER.toString(), "history", "two words"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).isEqualTo("[-XX:TieredStopAtLevel=1]\n[-Xmx64m]\n[-Dx=*]\n[-jar]\n["
                + TARGET.toRealPath().resolve("scim-purge.jar") + "]\n[history]\n[two words]\n");
    }

    /**
     * The container image's recipe (jobs/container/Dockerfile): the jar extracted, the launcher beside it, a training
     * run that leaves scim-purge.jsa. The launcher then loads the application's classes from that archive, says
     * nothing about it, and still runs, silently without it, once the jar has changed since the training run.
     */
    @Test
    void theLauncherUsesTheClassDataArchiveOfATrainingRunBesideAnExtractedJar() throws Exception {
        // Not "app dir": JDK 17 silently leaves an archive unused when the class path has a space in it.
        Path app = dir.resolve("app");
        Run extract = run(dir, Map.of(), List.of("java", "-Djarmode=tools", "-jar", TARGET.resolve("scim-purge.jar").toString(), "extract",
                "--destination", app.toString()));
        assertThat(extract.exitCode()).as(extract.output()).isZero();
        Files.copy(LAUNCHER, app.resolve("scim-purge"));
        String launcher = app.resolve("scim-purge").toString();
        Path archive = app.resolve("scim-purge.jsa");
        Run training = run(dir, Map.of("XDG_STATE_HOME", dir.resolve("training").toString(), "JAVA_OPTS", "-XX:ArchiveClassesAtExit=" + archive),
                List.of(launcher, "purge", "--sandbox", "--sandbox-users", "10", "--deactivated"));
        assertThat(training.exitCode()).as(training.output()).isZero();
        assertThat(archive).isNotEmptyFile();

        Path classes = dir.resolve("classes.log");
        Run version = run(dir, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), List.of(launcher, "--version"));

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).as("nothing but the version").matches("scim-purge \\S+\\n");
        assertThat(Files.readString(classes)).contains(ScimPurgeApplication.class.getName() + " source: shared objects file (top)");

        Files.setLastModifiedTime(app.resolve("scim-purge.jar"), FileTime.fromMillis(0));
        Run stale = run(dir, Map.of(), List.of(launcher, "--version"));
        assertThat(stale.exitCode()).as(stale.output()).isZero();
        assertThat(stale.output()).as("nothing about the archive").isEqualTo(version.output());
    }

    /**
     * The command the sandbox suggests ("Try: ...") runs as printed, from a script, with the launcher on the
     * PATH. And the launcher execs java: the process is the JVM, so SIGTERM (docker stop, Kubernetes) reaches it.
     */
    @Test
    void theSandboxsOwnSuggestionRunsFromAScriptAndSigtermReachesTheSandboxThroughTheLauncher() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("scim-purge"), LAUNCHER);
        Process sandbox = new ProcessBuilder(LAUNCHER.toString(), "sandbox", "--port", "0").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8))) {
            String suggestion = null;
            String line;
            do {
                line = out.readLine();
                if (line != null && line.startsWith("Try:  ")) {
                    suggestion = line.substring("Try:  ".length());
                }
            } while (line != null && !line.startsWith("Press Ctrl-C"));
            assertThat(line).as("the sandbox started").isNotNull();
            assertThat(sandbox.info().command().orElse("")).endsWith("/java");

            Path workDir = Files.createDirectories(dir.resolve("work"));
            Run tried = run(workDir, Map.of("PATH", bin + File.pathSeparator + JAVA_BIN + File.pathSeparator + "/usr/bin:/bin"),
                    List.of("bash", "-c", suggestion));
            assertThat(tried.exitCode()).as(suggestion + "\n" + tried.output()).isZero();
            assertThat(tried.output()).containsPattern("Execution \\d+ COMPLETED").containsPattern("\\n  deleted +10\\n");
            assertThat(namesIn(workDir)).isEmpty();

            sandbox.destroy();

            assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(sandbox.exitValue()).isEqualTo(143);
        } finally {
            sandbox.destroyForcibly();
        }
    }
}
