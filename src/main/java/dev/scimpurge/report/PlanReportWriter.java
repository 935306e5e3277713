package dev.scimpurge.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.scimpurge.job.collect.AccountNames;
import dev.scimpurge.plan.PlanDigest;
import dev.scimpurge.plan.PlanEntry;
import dev.scimpurge.plan.PlanRelease;
import dev.scimpurge.provider.ProviderRun;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code planned_deletions_YYYY-MM-DD_HH-MM-SS.json}: who a run would remove, and why
 * every other row would not be. Written by a dry run, and by a run a guard refused. Streams from
 * the job database, so its size does not matter. It is also the plan a person approves: its target, its time
 * ({@code created_at}), and each account it would remove with what was read for it, covered by a digest
 * ({@link PlanDigest}) that {@code purge --apply-plan} checks; a refusal adds the command that applies it.
 */
@Component
public class PlanReportWriter {

    private final JdbcTemplate jdbc;
    private final ProviderRun provider;
    private final JsonMapper mapper;
    private final Clock clock;
    private final ReportFiles files;
    private final PlanRelease release;

    public PlanReportWriter(JdbcTemplate jdbc, ProviderRun provider, JsonMapper mapper, Clock clock, ReportFiles files,
            PlanRelease release) {
        this.files = files;
        this.release = release;
        this.jdbc = jdbc;
        this.provider = provider;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * The guard that refused the run (or, in a dry run, would refuse the real one), and how to go ahead after review.
     *
     * @param refusedBy  the guard, lower case ({@code max_deletes}, {@code max_growth}, ...)
     * @param toProceed  what to run after reviewing the plan
     * @param release    the options that let exactly this plan through the limits that refused it ({@code --max-deletes 12})
     */
    public record Verdict(String refusedBy, String toProceed, String release) {
    }

    /**
     * @param source  the kind of run ({@code csv}, {@code deactivated}, ...): how an apply-plan run checks the accounts again
     * @param verdict the refusal, or null when no guard refused
     */
    public Path write(long jobExecutionId, long jobInstanceId, Path directory, String source, String status, String message, long planned,
            @Nullable Long directorySize, @Nullable Verdict verdict) {
        try {
            Files.createDirectories(directory);
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Path report = ReportFiles.freeName(directory, "planned_deletions_" + FailureReportWriter.STAMP.format(now.atZone(clock.getZone())
                    .toLocalDateTime()));
            Path partial = Files.createTempFile(directory, ".planned_deletions", ".partial");
            try (OutputStream out = Files.newOutputStream(partial);
                    JsonGenerator json = mapper.writerWithDefaultPrettyPrinter().createGenerator(out)) {
                json.writeStartObject();
                json.writeStringProperty("status", status);
                json.writeStringProperty("message", message);
                if (verdict != null) {
                    String apply = release.command(report, verdict.release());
                    json.writeStringProperty("refused_by", verdict.refusedBy());
                    json.writeStringProperty("to_proceed", verdict.toProceed() + " " + release.advice(report, verdict.release()));
                    json.writeStringProperty("apply_plan", apply);
                }
                String target = provider.scimBase().toString();
                String createdAt = now.toString();
                PlanDigest digest = new PlanDigest(target, createdAt);
                json.writeStringProperty("target", target);
                json.writeStringProperty("created_at", createdAt);
                json.writeStringProperty("source", source);
                json.writeNumberProperty("execution", jobExecutionId);
                json.writeStringProperty("provider", provider.profile().name());
                json.writeStringProperty("action", provider.removalVerb());
                json.writeNumberProperty("planned", planned);
                if (directorySize != null) {
                    json.writeNumberProperty("directory_size", directorySize);
                }
                json.writeArrayPropertyStart("would_remove");
                jdbc.query("""
                        SELECT c.LINE_NO, c.INPUT_VALUE, c.ACCOUNT_ID, c.ACCOUNT_NAMES, c.ACCOUNT_ACTIVE, c.LAST_MODIFIED FROM PURGE_CANDIDATE c
                        WHERE c.JOB_INSTANCE_ID = ? AND c.ACCOUNT_ID IS NOT NULL AND c.DEFERRED_UNTIL IS NULL AND NOT EXISTS (
                            SELECT 1 FROM PURGE_OUTCOME o WHERE o.JOB_INSTANCE_ID = c.JOB_INSTANCE_ID AND o.SEQ = c.SEQ
                            AND o.OUTCOME <> 'PLANNED')
                        ORDER BY c.SEQ""", rs -> {
                    OffsetDateTime modified = rs.getObject(6, OffsetDateTime.class);
                    PlanEntry entry = new PlanEntry(rs.getString(3), rs.getString(2), rs.getObject(1, Long.class),
                            AccountNames.decode(rs.getString(4)), rs.getObject(5, Boolean.class),
                            modified == null ? null : modified.toInstant().toString());
                    digest.account(entry);
                    writeEntry(json, entry);
                }, jobInstanceId);
                json.writeEndArray();
                // Deferred by --deactivated-for: recorded (a dry run) or, in a refused run, left for its continuation to decide again.
                json.writeArrayPropertyStart("deferred");
                jdbc.query("""
                        SELECT c.LINE_NO, c.INPUT_VALUE, c.ACCOUNT_ID, c.DEFERRED_UNTIL FROM PURGE_CANDIDATE c
                        WHERE c.JOB_INSTANCE_ID = ? AND c.DEFERRED_UNTIL IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM PURGE_OUTCOME o WHERE o.JOB_INSTANCE_ID = c.JOB_INSTANCE_ID AND o.SEQ = c.SEQ
                            AND o.OUTCOME <> 'DEFERRED')
                        ORDER BY c.SEQ""", rs -> {
                    json.writeStartObject();
                    json.writeStringProperty("email", rs.getString(2));
                    json.writeStringProperty("account_id", rs.getString(3));
                    json.writeStringProperty("eligible_from", rs.getObject(4, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.SECONDS)
                            .toString());
                    writeLine(json, rs.getObject(1, Long.class));
                    json.writeEndObject();
                }, jobInstanceId);
                json.writeEndArray();
                json.writeArrayPropertyStart("not_removed");
                jdbc.query("""
                        SELECT LINE_NO, INPUT_VALUE, ACCOUNT_ID, OUTCOME, REASON, MESSAGE FROM PURGE_OUTCOME
                        WHERE JOB_INSTANCE_ID = ? AND OUTCOME NOT IN ('PLANNED', 'DEFERRED') ORDER BY SEQ""", rs -> {
                    json.writeStartObject();
                    json.writeStringProperty("email", rs.getString(2));
                    json.writeStringProperty("account_id", rs.getString(3));
                    json.writeStringProperty("outcome", rs.getString(4).toLowerCase());
                    json.writeStringProperty("reason", rs.getString(5));
                    json.writeStringProperty("message", rs.getString(6));
                    writeLine(json, rs.getObject(1, Long.class));
                    json.writeEndObject();
                }, jobInstanceId);
                json.writeEndArray();
                // last: the accounts streamed into it on their way to the file
                json.writeStringProperty("digest", digest.value());
                json.writeEndObject();
            }
            return files.publish(partial, report, jobExecutionId, jobInstanceId, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan report into " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void writeEntry(JsonGenerator json, PlanEntry entry) {
        json.writeStartObject();
        json.writeStringProperty("email", entry.email());
        json.writeStringProperty("account_id", entry.accountId());
        writeLine(json, entry.line());
        json.writeArrayPropertyStart("names");
        for (String name : entry.names()) {
            json.writeString(name);
        }
        json.writeEndArray();
        if (entry.active() == null) {
            json.writeNullProperty("active");
        } else {
            json.writeBooleanProperty("active", entry.active());
        }
        json.writeStringProperty("last_modified", entry.lastModified());
        json.writeEndObject();
    }

    private static void writeLine(JsonGenerator json, @Nullable Long line) {
        if (line == null) {
            json.writeNullProperty("line");
        } else {
            json.writeNumberProperty("line", line);
        }
    }
}
