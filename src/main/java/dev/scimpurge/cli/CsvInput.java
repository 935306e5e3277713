package dev.scimpurge.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.scimpurge.job.collect.CsvFingerprint;
import dev.scimpurge.job.collect.CsvFormatException;

/** The CSV a run is given, checked before anything starts: readable, UTF-8, and its checksum taken. */
final class CsvInput {

    private CsvInput() {
    }

    static CsvFingerprint fingerprint(Path file) {
        try {
            return CsvFingerprint.of(file);
        } catch (CsvFormatException e) {
            throw new UsageException(file + ": " + e.getMessage() + ". Save it as UTF-8 (for example "
                    + "'iconv -f WINDOWS-1252 -t UTF-8 " + file.getFileName() + " > users-utf8.csv') and purge that file; nothing was changed");
        } catch (IOException e) {
            throw new UsageException("--csv: cannot read " + file + " (" + e.getMessage() + ")");
        }
    }
}
