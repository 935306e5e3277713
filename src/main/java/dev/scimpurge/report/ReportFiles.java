package dev.scimpurge.report;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Report files: names that never overwrite an earlier report written in the same second, and the
 * record of every file an execution writes (PURGE_REPORT_FILE), which history prune removes the
 * files by. The record is committed on its own before the file is moved into place, whatever the
 * step's transaction does later (a refused guard rolls its own back): no report is left that
 * retention does not know of.
 */
@Component
public class ReportFiles {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public ReportFiles(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    static Path freeName(Path directory, String stem) {
        Path candidate = directory.resolve(stem + ".json");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = directory.resolve(stem + "_" + n + ".json");
        }
        return candidate;
    }

    /** Records {@code report} as the execution's, then moves the finished {@code partial} file there. */
    Path publish(Path partial, Path report, long jobExecutionId, long jobInstanceId, CopyOption... options) throws IOException {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "INSERT INTO PURGE_REPORT_FILE (JOB_EXECUTION_ID, JOB_INSTANCE_ID, FILE_PATH) VALUES (?, ?, ?)",
                jobExecutionId, jobInstanceId, report.toString()));
        return Files.move(partial, report, options);
    }
}
