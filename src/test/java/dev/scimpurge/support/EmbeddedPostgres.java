package dev.scimpurge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL server for the tests: one per test JVM, started on first use (its binaries
 * come as a Maven artifact) and stopped when the JVM exits; each test gets a database of its own.
 */
final class EmbeddedPostgres {

    private EmbeddedPostgres() {
    }

    /** Started once, on first use, by the JVM's class initialisation. */
    private static final class Server {
        static final io.zonky.test.db.postgres.embedded.EmbeddedPostgres INSTANCE = start();

        private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres start() {
            try {
                return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
    }

    static JobStore newDatabase() {
        String name = "jobs_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = Server.INSTANCE.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return JobStore.server("PostgreSQL", "jdbc:postgresql://localhost:" + Server.INSTANCE.getPort() + "/" + name, "postgres", "");
    }
}
