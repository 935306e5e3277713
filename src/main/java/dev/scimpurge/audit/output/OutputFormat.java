package dev.scimpurge.audit.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The formats of history and audit output, as {@code --format} names them. */
public enum OutputFormat {
    TABLE, JSON, CSV;

    /** Starts the output: the header, if the format has one, is written at once. */
    public RowWriter open(PrintWriter out, List<Column> columns) {
        return switch (this) {
            case TABLE -> new TableRowWriter(out, columns);
            case JSON -> new JsonRowWriter(out, columns);
            case CSV -> new CsvRowWriter(out, columns);
        };
    }

    /** @throws IllegalArgumentException naming the formats, for an unknown name */
    public static OutputFormat named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "': use table, json or csv");
        }
    }
}
