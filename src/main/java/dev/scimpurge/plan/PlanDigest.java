package dev.scimpurge.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The digest of a plan: SHA-256 over a canonical encoding of its target, its time and its accounts, so that a plan
 * edited after it was written (an account added, a time moved) is told apart from the one a person reviewed. The
 * encoding (docs/safety.md, "Approved plans") is a sequence of fields, each its UTF-8 bytes as
 * {@code <byte count in decimal>:<bytes>,} (a netstring; an absent value is the empty field {@code 0:,}): the
 * version {@code scim-purge-plan-1}, the target, {@code created_at}; then, per account in the plan's order,
 * {@code account_id}, {@code email}, {@code line}, {@code active} ({@code true}, {@code false} or empty),
 * {@code last_modified}, the number of {@code names} and each name. Every value is the text the file holds.
 * <p>
 * A digest proves integrity, not authorship: whoever can write the file can compute a new one.
 */
public final class PlanDigest {

    static final String VERSION = "scim-purge-plan-1";
    public static final String PREFIX = "sha256:";

    private final MessageDigest sha256;

    public PlanDigest(String target, String createdAt) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        field(VERSION);
        field(target);
        field(createdAt);
    }

    public void account(PlanEntry entry) {
        field(entry.accountId());
        field(entry.email());
        field(entry.line() == null ? null : entry.line().toString());
        field(entry.active() == null ? null : entry.active().toString());
        field(entry.lastModified());
        field(Integer.toString(entry.names().size()));
        entry.names().forEach(this::field);
    }

    /** {@code sha256:} and 64 hex digits. Ends the digest. */
    public String value() {
        return PREFIX + HexFormat.of().formatHex(sha256.digest());
    }

    private void field(@Nullable String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha256.update(bytes);
        sha256.update((byte) ',');
    }
}
