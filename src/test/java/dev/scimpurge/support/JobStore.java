package dev.scimpurge.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.scimpurge.job.JobDatabase;

/**
 * A test's job database: how the command line is pointed at it (options, and credentials in the
 * environment, as an operator would) and how the test reads it back.
 */
public record JobStore(String name, List<String> arguments, Map<String, String> environment, String url, String user,
        String password) {

    static final String USER_VARIABLE = "SCIM_PURGE_DB_USER";
    static final String PASSWORD_VARIABLE = "SCIM_PURGE_DB_PASSWORD";

    /** The default: an H2 file given with {@code --db}. */
    public static JobStore h2File(Path file) {
        return new JobStore("H2", List.of("--db", file.toString()), Map.of(), "jdbc:h2:file:" + file, "sa", "");
    }

    /**
     * An H2 file that several processes open at once (the first serves it to the others), given
     * with {@code --db-url}: a purge in another JVM, the test and a second command.
     */
    public static JobStore h2Shared(Path file) {
        return server("H2", "jdbc:h2:file:" + file + ";WRITE_DELAY=0;AUTO_SERVER=TRUE", "sa", "");
    }

    /** A database on a server, given with {@code --db-url}. */
    public static JobStore server(String name, String url, String user, String password) {
        return new JobStore(name, List.of("--db-url", url), Map.of(USER_VARIABLE, user, PASSWORD_VARIABLE, password), url, user,
                password);
    }

    public Connection connect() {
        try {
            new JobDatabase(url, user, password); // H2 in this JVM must come up loopback-only, as the command line's does
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the job database " + url, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
