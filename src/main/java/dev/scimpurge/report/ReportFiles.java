package dev.scimpurge.report;

import java.nio.file.Files;
import java.nio.file.Path;

/** Report file names: never overwrite an earlier report written in the same second. */
final class ReportFiles {

    private ReportFiles() {
    }

    static Path freeName(Path directory, String stem) {
        Path candidate = directory.resolve(stem + ".json");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = directory.resolve(stem + "_" + n + ".json");
        }
        return candidate;
    }
}
