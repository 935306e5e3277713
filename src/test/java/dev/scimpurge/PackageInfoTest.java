package dev.scimpurge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every package of the main code says what it is for and is {@code @NullMarked}, which NullAway checks at compile time,
 * and the package map in docs/architecture.md lists it: a new package cannot be added without either.
 */
class PackageInfoTest {

    private static final Path ROOT = Path.of("src/main/java/dev/scimpurge");
    private static final Path ARCHITECTURE = Path.of("docs/architecture.md");

    @Test
    void everyPackageHasADocumentedNullMarkedPackageInfo() throws IOException {
        List<Path> packages = packages();
        assertThat(packages).hasSizeGreaterThan(10);
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            assertThat(info).as(name(dir) + " needs a package-info.java").exists();
            String text = Files.readString(info);
            assertThat(text).as(info + " says what the package is for").startsWith("/**");
            assertThat(text).as(info.toString()).contains("@NullMarked", "import org.jspecify.annotations.NullMarked;");
        }
    }

    @Test
    void theArchitecturePagesPackageMapListsEveryPackage() throws IOException {
        String page = Files.readString(ARCHITECTURE);
        for (Path dir : packages()) {
            String shown = dir.equals(ROOT) ? "dev.scimpurge" : ROOT.relativize(dir).toString().replace('/', '.');
            assertThat(page).as(ARCHITECTURE + "'s package map lists " + shown).contains("| `" + shown + "` |");
        }
    }

    private static List<Path> packages() throws IOException {
        try (Stream<Path> dirs = Files.walk(ROOT)) {
            return dirs.filter(Files::isDirectory).filter(PackageInfoTest::holdsJava).sorted().toList();
        }
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.toString().endsWith(".java") && !file.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Path dir) {
        return dir.equals(ROOT) ? "dev.scimpurge" : "dev.scimpurge." + ROOT.relativize(dir).toString().replace('/', '.');
    }
}
