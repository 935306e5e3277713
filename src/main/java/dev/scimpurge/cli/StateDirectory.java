package dev.scimpurge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where scim-purge keeps its state when no option says: the job database and the reports, in
 * {@code $XDG_STATE_HOME/scim-purge} (the XDG base directory convention for state that outlives a
 * run), else {@code $HOME/.local/state/scim-purge}. Read from the environment the command was
 * given, so that {@code HOME=/x} means /x; Java's own idea of the home directory is used only
 * when there is no {@code HOME}.
 * <p>
 * Earlier versions kept the job database in {@code ~/.scim-purge/scim-purge}. While that file exists
 * and the new place has none, it stays the default, so that nobody's history and restartable runs
 * are left behind by an upgrade.
 *
 * @param directory      the state directory
 * @param legacyDatabase the job database file (without .mv.db) where earlier versions kept it
 */
record StateDirectory(Path directory, Path legacyDatabase) {

    static final String XDG_STATE_HOME = "XDG_STATE_HOME";
    static final String HOME = "HOME";
    private static final String DATABASE_NAME = "scim-purge";
    private static final String H2_SUFFIX = ".mv.db";

    /** @param userHome the home directory Java reports, for an environment without HOME */
    static StateDirectory of(Map<String, String> environment, Path userHome) {
        Path home = absolute(environment.get(HOME)).orElse(userHome);
        // The XDG specification: a relative path in XDG_STATE_HOME is invalid and is ignored.
        Path base = absolute(environment.get(XDG_STATE_HOME)).orElse(home.resolve(".local/state"));
        return new StateDirectory(base.resolve("scim-purge").normalize(), home.resolve(".scim-purge").resolve(DATABASE_NAME).normalize());
    }

    private static Optional<Path> absolute(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? Optional.of(path) : Optional.empty();
    }

    /** The default job database file (without .mv.db): the legacy one while only it exists, else the state directory's. */
    Path database() {
        return usesLegacyDatabase() ? legacyDatabase : newDatabase();
    }

    boolean usesLegacyDatabase() {
        return Files.isRegularFile(h2File(legacyDatabase)) && !Files.exists(h2File(newDatabase()));
    }

    /** One line for standard error, when the default job database is the legacy one. */
    String legacyNote() {
        return "note: using the job database " + h2File(legacyDatabase) + ", where earlier versions kept it; the default is now "
                + directory + ". To move it there, while no purge runs: mkdir -p -m 700 " + directory + " && mv "
                + h2File(legacyDatabase) + " " + directory + "/";
    }

    /** The default directory of the failure reports, plan reports and run summaries. */
    Path reports() {
        return directory.resolve("reports");
    }

    private Path newDatabase() {
        return directory.resolve(DATABASE_NAME);
    }

    private static Path h2File(Path database) {
        return database.resolveSibling(database.getFileName() + H2_SUFFIX);
    }
}
