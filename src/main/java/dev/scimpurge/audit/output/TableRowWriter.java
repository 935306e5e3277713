package dev.scimpurge.audit.output;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Aligned columns for a terminal. The widths come from the first rows (held until there are
 * {@value #SIZING_ROWS} of them or the output ends); a longer value later just pushes its line
 * out of alignment. Every cell goes through {@link TerminalText}.
 */
final class TableRowWriter extends RowWriter {

    static final int SIZING_ROWS = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final int[] widths;
    private @Nullable List<String[]> sizing = new ArrayList<>();

    TableRowWriter(PrintWriter out, List<Column> columns) {
        super(out, columns);
        widths = new int[columns.size()];
        String[] header = new String[columns.size()];
        for (int i = 0; i < header.length; i++) {
            header[i] = columns.get(i).name().toUpperCase(Locale.ROOT);
            widths[i] = Math.max(columns.get(i).minWidth(), header[i].length());
        }
        Objects.requireNonNull(sizing).add(header);
    }

    @Override
    protected void write(Object[] values) {
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = TerminalText.printable(text(values[i]));
        }
        if (sizing == null) {
            print(cells);
            return;
        }
        sizing.add(cells);
        if (sizing.size() > SIZING_ROWS) {
            flushSizing();
        }
    }

    @Override
    public void finish() {
        if (sizing != null) {
            flushSizing();
        }
        out.flush();
    }

    private void flushSizing() {
        for (String[] cells : Objects.requireNonNull(sizing)) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        sizing.forEach(this::print);
        sizing = null;
    }

    private void print(String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            if (i > 0) {
                line.append("  ");
            }
            int padding = Math.max(0, widths[i] - cells[i].length());
            if (columns.get(i).numeric()) {
                line.append(" ".repeat(padding)).append(cells[i]);
            } else {
                line.append(cells[i]).append(last ? "" : " ".repeat(padding));
            }
        }
        out.println(line);
    }

    private static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof LocalDateTime time) {
            return TIME.format(time);
        }
        if (value instanceof Map<?, ?> counts) {
            return counts.isEmpty() ? "-" : counts(counts, ",");
        }
        return value.toString();
    }
}
