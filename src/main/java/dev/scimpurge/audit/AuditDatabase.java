package dev.scimpurge.audit;

import java.sql.DatabaseMetaData;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import dev.scimpurge.job.JobDatabaseSchema;

/**
 * The job database as the history and audit commands use it: one JDBC connection for the
 * command's lifetime, no Spring context and no SCIM connection.
 */
public final class AuditDatabase implements AutoCloseable {

    private final SingleConnectionDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final DataSourceTransactionManager transactionManager;

    public AuditDatabase(String url, String user, String password) {
        this.dataSource = new SingleConnectionDataSource(url, user, password, true);
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactionManager = new DataSourceTransactionManager(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Whether the job tables are there: the first purge creates them, the commands that read never do. */
    public boolean hasJobTables() {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            DatabaseMetaData meta = connection.getMetaData();
            return JobDatabaseSchema.tableExists(meta, "BATCH_JOB_EXECUTION") && JobDatabaseSchema.tableExists(meta, "PURGE_OUTCOME");
        }));
    }

    /** Runs {@code work} in a read-only transaction, which PostgreSQL needs to stream a result with a cursor. */
    public <T> T read(TransactionCallback<T> work) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setReadOnly(true);
        return template.execute(work);
    }

    /** Runs {@code work} in one read-write transaction: all of it commits, or none of it. */
    public <T> T write(TransactionCallback<T> work) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        return template.execute(work);
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
