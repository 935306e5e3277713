package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;

import picocli.CommandLine.Option;

import dev.scimpurge.audit.AuditDatabase;
import dev.scimpurge.job.H2FileDirectory;
import dev.scimpurge.job.JobDatabase;

/**
 * Where the job database is: an H2 file by default, or any JDBC URL (PostgreSQL for a shared
 * history). The user and password of a server database come from the environment, never argv.
 */
public class DatabaseOptions {

    static final String USER_VARIABLE = "SCIM_PURGE_DB_USER";
    static final String PASSWORD_VARIABLE = "SCIM_PURGE_DB_PASSWORD";

    /** SQL states of a connection to a database that does not exist: PostgreSQL's, and H2's with IFEXISTS=TRUE. */
    private static final Set<String> NO_SUCH_DATABASE = Set.of("3D000", "90146");

    @Option(names = "--db", paramLabel = "FILE",
            description = "The H2 job database file (without .mv.db) holding job state and every outcome (default: scim-purge in "
                    + "$XDG_STATE_HOME/scim-purge, else in ~/.local/state/scim-purge; or ~/.scim-purge/scim-purge while only that one "
                    + "exists). A missing directory is created readable by its owner only (0700).")
    @Nullable Path file;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "A JDBC URL for a shared job database instead of the H2 file, e.g. jdbc:postgresql://db:5432/scim_purge. "
                    + "User and password come from " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ".")
    @Nullable String url;

    /**
     * The job database for the commands that write to it (purge, restart, stop, abandon). The H2
     * file's directory is created if missing, owner-only; {@code err} gets a warning if other users
     * can look into an existing one, and a note if the default is the one earlier versions used.
     */
    JobDatabase resolve(CommandEnvironment environment) {
        if (url != null) {
            return server(environment.variables());
        }
        Path h2File = h2File(environment.state(), environment.err());
        if (h2File.getParent() != null) {
            try {
                H2FileDirectory.prepare(h2File.getParent()).ifPresent(environment.err()::println);
            } catch (UncheckedIOException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return JobDatabase.h2File(h2File);
    }

    private JobDatabase server(Map<String, String> environment) {
        String url = Objects.requireNonNull(this.url, "--db-url");
        if (!url.startsWith("jdbc:")) {
            throw new UsageException("--db-url must be a JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        if (url.matches("(?i).*[?&;]password=.*")) {
            throw new UsageException("--db-url must not contain the password; set " + PASSWORD_VARIABLE + " instead");
        }
        return new JobDatabase(url, environment.getOrDefault(USER_VARIABLE, ""), environment.getOrDefault(PASSWORD_VARIABLE, ""));
    }

    /** The H2 file: --db, else the state directory's default, noting on {@code err} when that is where earlier versions kept it. */
    private Path h2File(StateDirectory state, PrintWriter err) {
        if (file != null) {
            return file.toAbsolutePath().normalize();
        }
        if (state.usesLegacyDatabase()) {
            err.println(state.legacyNote());
        }
        return state.database();
    }

    /** Runs {@code work} on the job database of {@link #openExisting}, and closes it. */
    <T> T withExisting(CommandEnvironment environment, Function<AuditDatabase, T> work) {
        try (AuditDatabase db = openExisting(environment)) {
            return work.apply(db);
        }
    }

    /**
     * The job database for commands that only look at it: it must exist already, with its tables,
     * and is never created. "No job database" is a usage error; one that cannot be reached is not.
     */
    AuditDatabase openExisting(CommandEnvironment environment) {
        Path h2File = url == null ? h2File(environment.state(), environment.err()) : null;
        JobDatabase database = (url != null ? server(environment.variables())
                : JobDatabase.h2File(Objects.requireNonNull(h2File))).existingOnly();
        String location = url != null ? url : h2File + ".mv.db";
        if (url == null && !Files.isRegularFile(Path.of(location))) {
            throw new UsageException("no job database at " + location + "; name it with --db FILE (without .mv.db) or --db-url");
        }
        AuditDatabase opened = new AuditDatabase(database.url(), database.user(), database.password());
        try {
            if (opened.hasJobTables()) {
                return opened;
            }
        } catch (DataAccessException e) {
            opened.close();
            Throwable cause = e.getMostSpecificCause();
            if (cause instanceof SQLException sql && NO_SUCH_DATABASE.contains(sql.getSQLState())) {
                throw new UsageException("no job database at " + location + " (" + sql.getMessage() + ")");
            }
            throw new JobDatabaseUnavailableException("cannot read the job database at " + location + ": " + cause.getMessage(), e);
        }
        opened.close();
        throw new UsageException("no job database at " + location + ": it has no scim-purge tables (the first purge creates them)");
    }
}
