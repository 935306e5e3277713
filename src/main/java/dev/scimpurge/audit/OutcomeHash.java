package dev.scimpurge.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * ROW_HASH of a PURGE_OUTCOME row: SHA-256 over the previous row's hash and this row's fields,
 * so changing, removing or reordering a row breaks every hash after it.
 * <p>
 * The encoding is canonical and unambiguous, so an auditor can recompute it with any tool:
 * the text {@value #DOMAIN}, the previous hash as 32 raw bytes, then each field in the order
 * OUTCOME_ID, JOB_INSTANCE_ID, JOB_EXECUTION_ID, SEQ, LINE_NO, INPUT_VALUE, ACCOUNT_ID, OUTCOME,
 * REASON, HTTP_STATUS, MESSAGE, RECORDED_AT. A text (the domain included) is the byte 0x02, its
 * UTF-8 length as 4 bytes big-endian and its UTF-8 bytes; a number is 0x01 and 8 bytes
 * big-endian; a null is the single byte 0x00. RECORDED_AT is the text
 * {@code yyyy-MM-ddTHH:mm:ss.SSSSSS} of the stored value. The first row's previous hash is
 * {@link #GENESIS}, or after pruning the hash of the last row pruned.
 */
public final class OutcomeHash {

    public static final String GENESIS = "0".repeat(64);
    static final String DOMAIN = "scim-purge PURGE_OUTCOME v1";
    static final DateTimeFormatter RECORDED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private static final byte NULL = 0;
    private static final byte NUMBER = 1;
    private static final byte TEXT = 2;

    private OutcomeHash() {
    }

    /** @throws IllegalArgumentException when {@code previousHash} is not 64 hex digits */
    public static String of(String previousHash, OutcomeRow row) {
        byte[] previous = HexFormat.of().parseHex(previousHash);
        if (previous.length != 32) {
            throw new IllegalArgumentException("not a SHA-256 hash: " + previousHash);
        }
        MessageDigest sha256 = sha256();
        text(sha256, DOMAIN);
        sha256.update(previous);
        number(sha256, row.outcomeId());
        number(sha256, row.jobInstanceId());
        number(sha256, row.jobExecutionId());
        number(sha256, row.seq());
        number(sha256, row.lineNo());
        text(sha256, row.inputValue());
        text(sha256, row.accountId());
        text(sha256, row.outcome());
        text(sha256, row.reason());
        number(sha256, row.httpStatus() == null ? null : row.httpStatus().longValue());
        text(sha256, row.message());
        text(sha256, row.recordedAt() == null ? null : RECORDED_AT.format(row.recordedAt()));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Whether {@code value} is a hash as {@link #of} writes it: 64 lower-case hex digits. */
    public static boolean isWellFormed(@Nullable String value) {
        return value != null && value.matches("[0-9a-f]{64}");
    }

    private static void number(MessageDigest sha256, @Nullable Long value) {
        if (value == null) {
            sha256.update(NULL);
            return;
        }
        sha256.update(NUMBER);
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static void text(MessageDigest sha256, @Nullable String value) {
        if (value == null) {
            sha256.update(NULL);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha256.update(TEXT);
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        sha256.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The stored RECORDED_AT value for an instant of recording: microseconds, as H2 and PostgreSQL keep them. */
    static LocalDateTime storable(LocalDateTime time) {
        return time.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
