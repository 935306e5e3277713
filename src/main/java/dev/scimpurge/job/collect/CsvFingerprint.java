package dev.scimpurge.job.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What names a CSV input in a run: its SHA-256, so that an edited file is a new run. Taken in one pass that also
 * checks the file is UTF-8, so that a file in another encoding is refused before a run starts.
 */
public record CsvFingerprint(Path file, String sha256) {

    /**
     * @throws CsvFormatException when the file is not UTF-8, naming the line
     * @throws IOException        when it cannot be read
     */
    public static CsvFingerprint of(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new Utf8CheckingInputStream(new DigestInputStream(Files.newInputStream(file), digest))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return new CsvFingerprint(file, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
