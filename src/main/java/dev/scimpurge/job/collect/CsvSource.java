package dev.scimpurge.job.collect;

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
        CsvColumn.read(file, layout, maxRecordChars, new CsvColumn.Rows() {
            @Override
            public void value(long line, String value, CsvLayout.Column column) {
                if (column.ids()) {
                    acceptId(rows, line, value);
                } else {
                    acceptEmail(rows, line, value);
                }
            }

            @Override
            public void tooLong(long line, String start) {
                rows.reject(line, start, Reasons.LINE_TOO_LONG, "line " + line + " is longer than " + maxRecordChars + " characters");
            }

            @Override
            public void missingColumn(long line, String first, int fields, CsvLayout.Column column) {
                rows.reject(line, first, Reasons.MISSING_COLUMN, "line " + line + " has " + fields + " field(s); the '"
                        + column.name() + "' column is field " + (column.index() + 1));
            }
        });
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
