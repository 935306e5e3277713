package dev.scimpurge.audit.output;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV with CRLF line ends. A field that a spreadsheet would take for a formula (starting
 * with =, +, -, @, tab or CR) gets a leading apostrophe: input values and server messages come from
 * outside and must not run when an auditor opens the file.
 */
final class CsvRowWriter extends RowWriter {

    CsvRowWriter(PrintWriter out, List<Column> columns) {
        super(out, columns);
        out.print(String.join(",", columns.stream().map(c -> field(c.name())).toList()));
        out.print("\r\n");
    }

    @Override
    protected void write(Object[] values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(text(values[i])));
        }
        out.print(line.append("\r\n"));
    }

    @Override
    public void finish() {
        out.flush();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDateTime time) {
            return isoTime(time);
        }
        if (value instanceof Map<?, ?> counts) {
            return counts(counts, ";");
        }
        return value.toString();
    }

    static String field(String value) {
        String safe = startsLikeAFormula(value) ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static boolean startsLikeAFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    }
}
