package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.scimpurge.audit.AuditDatabase;
import dev.scimpurge.audit.output.Column;
import dev.scimpurge.audit.output.OutputFormat;
import dev.scimpurge.audit.output.RowWriter;
import dev.scimpurge.audit.output.RowWriter.OutputClosedException;

/** Prints what a query streams, in the chosen format, from a job database that must exist. */
final class Listing {

    private Listing() {
    }

    static int print(DatabaseOptions database, ScimPurgeCommand top, OutputFormat format, PrintWriter out,
            PrintWriter err, List<Column> columns, BiConsumer<JdbcTemplate, RowWriter> query) {
        try (AuditDatabase db = database.openExisting(top.environment(), top.state(), err)) {
            RowWriter rows = format.open(out, columns);
            db.read(status -> {
                query.accept(db.jdbc(), rows);
                return null;
            });
            rows.finish();
            return ExitCodes.SUCCESS;
        } catch (OutputClosedException e) {
            err.println("error: the output was closed before the listing ended");
            return ExitCodes.JOB_FAILED;
        }
    }
}
