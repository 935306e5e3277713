package dev.scimpurge.job.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.scimpurge.audit.Reasons;

/**
 * A CSV of emails or account ids ({@link CsvLayout} decides which column from the first row).
 * The reference script's users.csv (one email per line, no header) works unchanged, and so does
 * an Anaplan Users export (header, {@code User ID} column).
 */
public final class CsvSource implements CandidateSource {

    private final Path file;
    private final CsvLayout layout;
    private final int maxRecordChars;

    public CsvSource(Path file, CsvLayout layout, int maxRecordChars) {
        this.file = file;
        this.layout = layout;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public void readInto(CollectedRows rows) {
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
                    rows.reject(row.lineNo(), row.first().strip(), Reasons.LINE_TOO_LONG,
                            "line " + row.lineNo() + " is longer than " + maxRecordChars + " characters");
                    continue;
                }
                if (row.fields().size() <= column.index()) {
                    rows.reject(row.lineNo(), row.first().strip(), Reasons.MISSING_COLUMN, "line " + row.lineNo() + " has "
                            + row.fields().size() + " field(s); the '" + column.name() + "' column is field " + (column.index() + 1));
                    continue;
                }
                String value = row.fields().get(column.index()).strip();
                if (column.ids()) {
                    acceptId(rows, row.lineNo(), value);
                } else {
                    acceptEmail(rows, row.lineNo(), value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void acceptEmail(CollectedRows rows, long line, String value) {
        if (EmailAddress.isValid(value)) {
            rows.accept(line, value, value.toLowerCase(Locale.ROOT), null, List.of());
        } else {
            rows.reject(line, value, Reasons.INVALID_EMAIL, "not a valid email address (line " + line + ")");
        }
    }

    private static void acceptId(CollectedRows rows, long line, String value) {
        if (AccountId.isValid(value)) {
            rows.accept(line, value, value, value, List.of());
        } else {
            rows.reject(line, value, Reasons.INVALID_ACCOUNT_ID, "not a valid account id (line " + line + ")");
        }
    }

    @Override
    public String describe() {
        return "CSV " + file;
    }
}
