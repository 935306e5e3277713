package dev.scimpurge.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.job.guard.RemovalGuardException;

/**
 * What a notification says of one run's end. It holds no secret; users' addresses only in
 * {@code rows}, which is filled only with {@code notify.details: true}.
 *
 * @param counts      every outcome's count (lower-case names) and {@code pending}; they add up to {@code read}
 * @param reports     the report files of the execution, by kind (failure_report, run_summary, plan)
 * @param guard       the refusal's figures, when a guard refused
 * @param auditHead   the hash at the head of the outcome chain after the run ({@code audit verify} checks up to it)
 * @param rows        the rows that failed or were not found, at most {@link RunNotices#MAX_ROWS}, only with details
 */
public record RunNotice(Trigger trigger, String batchStatus, int exitCode, String target, String provider, String runId,
        long executionId, boolean dryRun, long read, Map<String, Long> counts, Duration elapsed, Map<String, Path> reports,
        RemovalGuardException.@Nullable Refusal guard, @Nullable String guardMessage, @Nullable String auditHead,
        @Nullable List<Row> rows) {

    private static final Set<RemovalGuardException.Guard> FIXED_LIMITS = EnumSet.of(RemovalGuardException.Guard.MAX_DELETES,
            RemovalGuardException.Guard.MAX_DELETE_PERCENT);

    /** A row in the failure report, for notifications with details. */
    public record Row(String input, @Nullable String accountId, String outcome, @Nullable String reason) {
    }

    /** One line for people: what happened, where. */
    public String headline() {
        String what = switch (trigger) {
            case REFUSED -> "refused by a safety guard";
            case STOPPED -> "stopped before the end";
            case FAILED -> "COMPLETED".equals(batchStatus) ? "completed with rows that were not removed" : "failed";
            case COMPLETED -> "completed";
        };
        return "scim-purge " + (dryRun ? "dry run" : "run") + " " + executionId + " on " + target + " " + what + " (exit code " + exitCode + ")";
    }

    /** The notice as plain text lines (Slack and email). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(headline());
        lines.add("provider " + provider + ", run id " + runId + ", status " + batchStatus + ", " + elapsed.toSeconds() + " s");
        StringBuilder figures = new StringBuilder("read " + read);
        counts.forEach((outcome, count) -> {
            if (count > 0) {
                figures.append(", ").append(outcome.replace('_', ' ')).append(' ').append(count);
            }
        });
        lines.add(figures.toString());
        if (guard != null) {
            String name = "guard " + guard.guard().name().toLowerCase(Locale.ROOT).replace('_', '-') + ": ";
            if (FIXED_LIMITS.contains(guard.guard()) || guardMessage == null) {
                lines.add(name + guard.planned() + " planned, --max-deletes " + guard.maxDeletes()
                        + (guard.maxDeletePercent() == null ? "" : ", --max-delete-percent " + guard.maxDeletePercent())
                        + (guard.directorySize() == null ? "" : ", " + guard.directorySize() + " in the directory"));
            } else {
                // the history's guards compare other figures (a median, the previous run's directory): their message names them
                lines.add(name + guardMessage);
            }
            lines.add("to go ahead after checking the plan: the same command with " + guard.release());
        }
        reports.forEach((kind, path) -> lines.add(kind.replace('_', ' ') + ": " + path));
        if (auditHead != null) {
            lines.add("audit chain head: " + auditHead);
        }
        if (rows != null) {
            rows.forEach(row -> lines.add("  " + row.outcome() + " " + row.input() + (row.reason() == null ? "" : " (" + row.reason() + ")")));
        }
        return lines;
    }
}
