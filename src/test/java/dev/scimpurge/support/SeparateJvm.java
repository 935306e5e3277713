package dev.scimpurge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.scimpurge.ScimPurgeApplication;

/** Runs {@code scim-purge ARGS} in a JVM of its own, as another process on the same host would. */
public final class SeparateJvm {

    private SeparateJvm() {
    }

    /** Starts it in {@code workDir}; what it prints goes to {@code workDir/<logName>}. */
    public static Process start(List<String> args, Path workDir, String logName, Map<String, String> environment) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ScimPurgeApplication.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve(logName).toFile());
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
