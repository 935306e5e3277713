package dev.scimpurge.audit.output;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes rows as they arrive, holding none of them (the table only a first few, for its widths).
 * A cell is null, a {@link String}, a {@link Number}, a {@link LocalDateTime}, or a
 * {@code Map<String, Long>} of counts.
 */
public abstract class RowWriter {

    private static final int CHECK_EVERY = 1024;

    protected final PrintWriter out;
    protected final List<Column> columns;
    private long rows;

    protected RowWriter(PrintWriter out, List<Column> columns) {
        this.out = out;
        this.columns = List.copyOf(columns);
    }

    /**
     * @throws OutputClosedException when the reader went away (e.g. the output was piped to
     *         {@code head}): PrintWriter swallows that error, and the query would run on for nothing
     */
    public final void row(@Nullable Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        write(values);
        if (++rows % CHECK_EVERY == 0 && out.checkError()) {
            throw new OutputClosedException();
        }
    }

    /** Ends the output (closing brackets, buffered table rows) and flushes it. */
    public abstract void finish();

    protected abstract void write(Object[] values);

    protected static String isoTime(LocalDateTime time) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
    }

    protected static String counts(Map<?, ?> counts, String separator) {
        StringBuilder text = new StringBuilder();
        counts.forEach((name, count) -> {
            if (!text.isEmpty()) {
                text.append(separator);
            }
            text.append(name).append('=').append(count);
        });
        return text.toString();
    }

    /** The output's reader is gone. */
    public static final class OutputClosedException extends RuntimeException {
        OutputClosedException() {
            super("the output was closed");
        }
    }
}
