package dev.scimpurge.job;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
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
    private static final ClassPathResource SCRIPT = new ClassPathResource("db/scim-purge-schema.sql");
    private static final String SCRIPT_SHA256 = sha256(SCRIPT);
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
        DatabaseMetaData meta = connection.getMetaData();
        boolean batchTables = tableExists(meta, "BATCH_JOB_INSTANCE");
        if (batchTables && scriptRan(connection)) {
            return;
        }
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
        if (!batchTables) {
            populator.addScript(new ClassPathResource("org/springframework/batch/core/schema-" + platform(meta) + ".sql"));
        }
        populator.addScript(SCRIPT);
        populator.execute(dataSource);
        try (PreparedStatement clear = connection.prepareStatement("DELETE FROM PURGE_SCHEMA_SCRIPT");
                PreparedStatement mark = connection.prepareStatement("INSERT INTO PURGE_SCHEMA_SCRIPT (SCRIPT_SHA256) VALUES (?)")) {
            clear.executeUpdate();
            mark.setString(1, SCRIPT_SHA256);
            mark.executeUpdate();
        }
    }

    /** Whether this version's script has already run to the end here (an earlier or later version's does not count). */
    private static boolean scriptRan(Connection connection) throws SQLException {
        if (!tableExists(connection.getMetaData(), "PURGE_SCHEMA_SCRIPT")) {
            return false;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM PURGE_SCHEMA_SCRIPT WHERE SCRIPT_SHA256 = ?")) {
            select.setString(1, SCRIPT_SHA256);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String sha256(ClassPathResource script) {
        try (InputStream in = script.getInputStream()) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read " + script.getPath(), e);
        }
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
