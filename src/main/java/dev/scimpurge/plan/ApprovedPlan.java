package dev.scimpurge.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plan report read back for {@code purge --apply-plan}: its target, when it was made, the kind of run that made it,
 * and the accounts it would remove, with the digest checked.
 *
 * @param source the kind of run that made it ({@code csv}, {@code deactivated}, ...)
 */
public record ApprovedPlan(Path file, String target, Instant createdAt, String source, String digest, List<PlanEntry> accounts) {

    public ApprovedPlan {
        accounts = List.copyOf(accounts);
    }

    /** A plan that cannot be applied; the message says why, in one line. */
    public static final class Unusable extends RuntimeException {
        public Unusable(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code file} and checks its digest.
     *
     * @throws Unusable when it is not a plan report, lacks the digest (an earlier version wrote it), or was edited
     */
    public static ApprovedPlan read(Path file, JsonMapper mapper) {
        JsonNode plan;
        try {
            plan = mapper.readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new Unusable(file + " is not a plan report: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        String digest = text(plan, "digest");
        String target = text(plan, "target");
        String createdAt = text(plan, "created_at");
        JsonNode wouldRemove = plan.get("would_remove");
        if (digest == null || target == null || createdAt == null || wouldRemove == null || !wouldRemove.isArray()) {
            throw new Unusable(file + " is not a plan report with a digest (planned_deletions_*.json of a dry run or a refused run "
                    + "of this version): make a new plan with --dry-run");
        }
        Instant time;
        try {
            time = Instant.parse(createdAt);
        } catch (DateTimeParseException e) {
            throw new Unusable(file + ": created_at '" + createdAt + "' is not a time");
        }
        PlanDigest computed = new PlanDigest(target, createdAt);
        List<PlanEntry> accounts = new ArrayList<>(wouldRemove.size());
        for (JsonNode row : wouldRemove) {
            String accountId = text(row, "account_id");
            if (accountId == null) {
                throw new Unusable(file + ": an account of would_remove has no account_id");
            }
            List<String> names = new ArrayList<>();
            JsonNode listed = row.get("names");
            if (listed != null && listed.isArray()) {
                listed.forEach(name -> names.add(name.asString()));
            }
            JsonNode line = row.get("line");
            JsonNode active = row.get("active");
            PlanEntry entry = new PlanEntry(accountId, text(row, "email"), line == null || line.isNull() ? null : line.asLong(), names,
                    active == null || active.isNull() ? null : active.asBoolean(), text(row, "last_modified"));
            computed.account(entry);
            accounts.add(entry);
        }
        if (!computed.value().equals(digest)) {
            throw new Unusable(file + " does not match its digest: it was changed after it was written; make a new plan with --dry-run "
                    + "and review it");
        }
        String source = text(plan, "source");
        return new ApprovedPlan(file, target, time, source == null ? "unknown" : source, digest, accounts);
    }

    /** Whether the plan is older than {@code maxAge} at {@code now}. */
    public boolean olderThan(Duration maxAge, Instant now) {
        return createdAt.plus(maxAge).isBefore(now);
    }

    /** The digest's first 12 hex digits, as history shows it. */
    public String shortDigest() {
        return shortDigest(digest);
    }

    public static String shortDigest(String digest) {
        String hex = digest.startsWith(PlanDigest.PREFIX) ? digest.substring(PlanDigest.PREFIX.length()) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
