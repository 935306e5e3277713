package dev.scimpurge.job;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the job database's tables on first use: Spring Batch's (its scripts have no
 * "IF NOT EXISTS", so only when they are missing) and scim-purge's own.
 */
@Component
public class JobDatabaseSchema implements InitializingBean {

    private static final int ATTEMPTS = 5;
    private static final Duration PAUSE = Duration.ofMillis(300);

    private final DataSource dataSource;

    public JobDatabaseSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            // Not retried: a database that cannot be reached is no race, and the pool has already waited its
            // initialization-fail-timeout for it.
            try (Connection connection = dataSource.getConnection()) {
                try {
                    create(connection);
                    return;
                } catch (SQLException | RuntimeException e) {
                    // Two processes opening a new job database at once both find the tables missing; the one that loses
                    // fails on "already exists" (or on a table the other has not committed yet). Looking again settles it.
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
            Thread.sleep(PAUSE.toMillis() * attempt);
        }
    }

    private void create(Connection connection) throws SQLException {
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
        DatabaseMetaData meta = connection.getMetaData();
        if (!tableExists(meta, "BATCH_JOB_INSTANCE")) {
            populator.addScript(new ClassPathResource("org/springframework/batch/core/schema-" + platform(meta) + ".sql"));
        }
        populator.addScript(new ClassPathResource("db/scim-purge-schema.sql"));
        populator.execute(dataSource);
    }

    /** Whether {@code table} exists, by its name as H2 (upper case) or PostgreSQL (lower case) keeps it. */
    public static boolean tableExists(DatabaseMetaData meta, String table) throws SQLException {
        for (String name : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, null, name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String platform(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        throw new IllegalStateException("unsupported job database: " + meta.getDatabaseProductName() + " (use H2 or PostgreSQL)");
    }
}
