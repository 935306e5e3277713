package dev.scimpurge.cli;

import java.util.List;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.scimpurge.audit.output.Column;
import dev.scimpurge.audit.output.OutputFormat;
import dev.scimpurge.audit.output.RowWriter;
import dev.scimpurge.audit.output.RowWriter.OutputClosedException;

/**
 * The options of the listing commands ({@code history}, {@code audit}): the output format and the
 * job database, which must exist; and the printing of what a query streams.
 */
public class ListingOptions {

    @SuppressWarnings("NullAway.Init") // picocli always sets it: its defaultValue
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    DatabaseOptions database;

    OutputFormat format() {
        return format;
    }

    /** Prints the rows {@code query} streams, in the chosen format, on the command's output. */
    int print(CommandEnvironment environment, List<Column> columns, BiConsumer<JdbcTemplate, RowWriter> query) {
        try {
            return database.withExisting(environment, db -> {
                RowWriter rows = format.open(environment.out(), columns);
                db.read(status -> {
                    query.accept(db.jdbc(), rows);
                    return Boolean.TRUE; // read() returns what the work returns; nothing reads this
                });
                rows.finish();
                return ExitCodes.SUCCESS;
            });
        } catch (OutputClosedException e) {
            environment.err().println("error: the output was closed before the listing ended");
            return ExitCodes.JOB_FAILED;
        }
    }
}
