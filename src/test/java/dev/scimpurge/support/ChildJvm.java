package dev.scimpurge.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.scimpurge.ScimPurgeApplication;

/**
 * The java command that starts the command line in a JVM of its own ({@link ScimPurgeProcess}), as cheaply as the
 * packaged tool starts: C1 only, as the launcher runs it, and with a class-data sharing archive of the start-up
 * classes, as the container image has (docs/performance.md, "Start-up"; about 30% less CPU a start here). JDK 17
 * archives classes only from jars, so the children run the build's own classes from the jar that pom.xml makes of
 * them at process-test-classes ({@code target/test-children/scim-purge-classes.jar}); the first child of a build
 * makes the archive with one sandbox purge, which every test JVM of the build then shares. Without that jar (a test
 * started outside Maven), or when it is older than a compiled class, the children run on this JVM's class path,
 * without the archive.
 */
final class ChildJvm {

    private static final String JAR = "scim-purge-classes.jar";
    private static final String ARCHIVE = "scim-purge-children.jsa";

    private ChildJvm() {
    }

    /** {@code java [options] -cp ... ScimPurgeApplication}, to which the command's arguments are added. */
    static List<String> command() {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1"));
        Shared.ARCHIVE.ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
        command.addAll(List.of("-cp", Shared.CLASS_PATH, ScimPurgeApplication.class.getName()));
        return command;
    }

    /** Worked out once a test JVM, when the first child starts. */
    private static final class Shared {

        private static final Optional<Path> JAR_OF_CLASSES = jarOfCurrentClasses();
        static final String CLASS_PATH = JAR_OF_CLASSES.map(ChildJvm::jarsWith).orElse(System.getProperty("java.class.path"));
        static final Optional<Path> ARCHIVE = JAR_OF_CLASSES.flatMap(jar -> archiveBeside(jar, CLASS_PATH));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar of target/classes, if pom.xml made it after the last compilation. */
    private static Optional<Path> jarOfCurrentClasses() {
        Optional<Path> classes = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(entry -> Files.isRegularFile(entry.resolve(ScimPurgeApplication.class.getName().replace('.', '/') + ".class")))
                .findFirst();
        return classes.map(dir -> dir.resolveSibling("test-children").resolve(JAR))
                .filter(jar -> Files.isRegularFile(jar) && !newerThan(classes.get(), modified(jar)));
    }

    /** This JVM's class path with the classes' jar in place of the two directories (CDS refuses directories). */
    private static String jarsWith(Path jar) {
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).filter(entry -> !Files.isDirectory(Path.of(entry)))
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The build's archive, made by whichever test JVM gets here first: the others wait on the lock. Empty when it
     * cannot be made; the children then start without it (the JVM would also ignore one not made from these jars).
     */
    private static Optional<Path> archiveBeside(Path jar, String classPath) {
        Path archive = jar.resolveSibling(ARCHIVE);
        try (FileChannel lock = FileChannel.open(jar.resolveSibling("archive.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var held = lock.lock()) {
            if (!Files.exists(archive)) {
                train(archive, classPath);
            }
            return Optional.of(archive).filter(Files::isRegularFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** One small sandbox purge, which loads the classes a purge starts with, archived as the JVM exits. */
    private static void train(Path archive, String classPath) throws IOException, InterruptedException {
        Path state = Files.createTempDirectory("scim-purge-cds-training");
        Path written = archive.resolveSibling(ARCHIVE + ".new");
        ProcessBuilder training = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + written, "-cp",
                classPath, ScimPurgeApplication.class.getName(), "purge", "--sandbox", "--sandbox-users", "10", "--deactivated")
                .redirectErrorStream(true).redirectOutput(state.resolve("training.log").toFile());
        training.environment().put("HOME", state.toString());
        training.environment().put("XDG_STATE_HOME", state.toString());
        training.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = training.start();
        if (process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0 && Files.isRegularFile(written)) {
            Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
        } else {
            process.destroyForcibly();
            System.err.println("Children start without a class-data sharing archive: its training run failed (" + state.resolve("training.log") + ")");
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean newerThan(Path dir, FileTime time) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(file -> Files.isRegularFile(file) && modified(file).compareTo(time) > 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
