package dev.scimpurge.job.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.scimpurge.audit.Reasons;

/**
 * A CSV whose first column is an email address, with or without a header row: the reference
 * script's users.csv works unchanged.
 */
public final class CsvEmailSource implements CandidateSource {

    private final Path file;
    private final int maxRecordChars;

    public CsvEmailSource(Path file, int maxRecordChars) {
        this.file = file;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public void readInto(CollectedRows rows) {
        try (CsvRowReader reader = new CsvRowReader(Files.newInputStream(file), maxRecordChars)) {
            boolean firstRow = true;
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                String value = row.first().strip();
                boolean header = firstRow && !EmailAddress.isValid(value) && EmailAddress.looksLikeHeader(value);
                firstRow = false;
                if (header) {
                    continue;
                }
                if (row.tooLong()) {
                    rows.reject(row.lineNo(), value, Reasons.LINE_TOO_LONG,
                            "line " + row.lineNo() + " is longer than " + maxRecordChars + " characters");
                } else if (!EmailAddress.isValid(value)) {
                    rows.reject(row.lineNo(), value, Reasons.INVALID_EMAIL, "not a valid email address (line " + row.lineNo() + ")");
                } else {
                    rows.accept(row.lineNo(), value, value.toLowerCase(Locale.ROOT), null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "CSV " + file;
    }
}
