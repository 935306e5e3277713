package dev.scimpurge.job.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the column of a CSV that {@link CsvLayout} picks from the first row, row by row, a header row skipped. */
final class CsvColumn {

    /** What a reader of the column is told, a row at a time, in file order. */
    interface Rows {

        /** A row's value in the column, stripped. */
        void value(long line, String value, CsvLayout.Column column);

        /** A record longer than the limit; {@code start} is its first characters. */
        void tooLong(long line, String start);

        /** A row with fewer fields than the column needs. */
        void missingColumn(long line, String first, int fields, CsvLayout.Column column);
    }

    private CsvColumn() {
    }

    static void read(Path file, CsvLayout layout, int maxRecordChars, Rows rows) {
        try (CsvRowReader reader = new CsvRowReader(Files.newInputStream(file), maxRecordChars)) {
            CsvLayout.Column column = null;
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                if (column == null) {
                    column = layout.decide(row.fields());
                    if (column.firstRowIsHeader()) {
                        continue;
                    }
                }
                if (row.tooLong()) {
                    rows.tooLong(row.lineNo(), row.first().strip());
                } else if (row.fields().size() <= column.index()) {
                    rows.missingColumn(row.lineNo(), row.first().strip(), row.fields().size(), column);
                } else {
                    rows.value(row.lineNo(), row.fields().get(column.index()).strip(), column);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
