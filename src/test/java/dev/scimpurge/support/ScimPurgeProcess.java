package dev.scimpurge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real command line in a JVM of its own: killed, terminated and waited for like any process. */
public final class ScimPurgeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ScimPurgeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ScimPurgeProcess start(Path workDir, String logName, Map<String, String> environment, List<String> args) {
        List<String> command = ChildJvm.command();
        command.addAll(args);
        Path log = workDir.resolve(logName + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The state directory's defaults follow HOME and XDG_STATE_HOME: the test's, never those of whoever runs it.
        builder.environment().remove("XDG_STATE_HOME");
        builder.environment().put("HOME", workDir.resolve("home").toString());
        builder.environment().putAll(environment);
        try {
            return new ScimPurgeProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Kubernetes sends when it stops a pod. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code; fails if the process has not exited in time. */
    public int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + patience + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Everything it printed so far, stdout and stderr together. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
