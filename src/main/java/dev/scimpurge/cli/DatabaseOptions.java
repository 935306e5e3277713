package dev.scimpurge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Option;

import dev.scimpurge.audit.AuditDatabase;
import dev.scimpurge.job.JobDatabase;

/**
 * Where the job database is: an H2 file by default, or any JDBC URL (PostgreSQL for a shared
 * history). The user and password of a server database come from the environment, never argv.
 */
public class DatabaseOptions {

    static final String USER_VARIABLE = "SCIM_PURGE_DB_USER";
    static final String PASSWORD_VARIABLE = "SCIM_PURGE_DB_PASSWORD";

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "${user.home}/.scim-purge/scim-purge",
            description = "The H2 job database file (without .mv.db) holding job state and every outcome (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "A JDBC URL for a shared job database instead of the H2 file, e.g. jdbc:postgresql://db:5432/scim_purge. "
                    + "User and password come from " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ".")
    String url;

    public JobDatabase resolve(Map<String, String> environment) {
        if (url != null) {
            if (!url.startsWith("jdbc:")) {
                throw new UsageException("--db-url must be a JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE)");
            }
            if (url.matches("(?i).*[?&;]password=.*")) {
                throw new UsageException("--db-url must not contain the password; set " + PASSWORD_VARIABLE + " instead");
            }
            return new JobDatabase(url, environment.getOrDefault(USER_VARIABLE, ""), environment.getOrDefault(PASSWORD_VARIABLE, ""));
        }
        return JobDatabase.h2File(file.toAbsolutePath().normalize());
    }

    /** The job database for commands that only look at it: it must exist already, and is never created. */
    AuditDatabase openExisting(Map<String, String> environment) {
        JobDatabase database = resolve(environment);
        if (url == null) {
            Path data = Path.of(file.toAbsolutePath().normalize() + ".mv.db");
            if (!Files.isRegularFile(data)) {
                throw new UsageException("no job database at " + data + "; name it with --db FILE (without .mv.db) or --db-url");
            }
            database = database.existingOnly();
        }
        return new AuditDatabase(database.url(), database.user(), database.password());
    }
}
