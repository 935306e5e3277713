package dev.scimpurge.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.provider.ProviderRun;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code failed_deletions_YYYY-MM-DD_HH-MM-SS.json}: the reference script's format (a list
 * of {@code email, account_id, status, message}, with {@code account_url} where the provider has
 * account pages, or {@code {"status": "success", ...}} when nothing
 * failed) plus {@code outcome}, {@code reason}, {@code http_status}, {@code line} and
 * {@code job_execution_id}. It covers the whole job instance, across restarts, and streams
 * from the outcome table so its size does not matter: in a read-only transaction, because
 * PostgreSQL's driver reads a result in fetch-size steps only inside one (outside, it holds every
 * row in memory at once).
 */
@Component
public class FailureReportWriter {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    private final OutcomeRepository outcomes;
    private final ProviderRun provider;
    private final JsonMapper mapper;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final ReportFiles files;

    public FailureReportWriter(OutcomeRepository outcomes, ProviderRun provider, JsonMapper mapper, Clock clock,
            PlatformTransactionManager transactionManager, ReportFiles files) {
        this.files = files;
        this.outcomes = outcomes;
        this.provider = provider;
        this.mapper = mapper;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
    }

    /** @param successMessage what to say when nothing failed; null writes an empty list instead (a run that did not finish) */
    public Path write(long jobExecutionId, long jobInstanceId, Path directory, @Nullable String successMessage) {
        try {
            Files.createDirectories(directory);
            Path report = ReportFiles.freeName(directory, "failed_deletions_" + STAMP.format(LocalDateTime.now(clock)));
            Path partial = Files.createTempFile(directory, ".failed_deletions", ".partial");
            try (OutputStream out = Files.newOutputStream(partial);
                    JsonGenerator json = mapper.writerWithDefaultPrettyPrinter().createGenerator(out)) {
                long[] written = {0};
                json.writeStartArray();
                readOnly.executeWithoutResult(transaction -> outcomes.forEachReported(jobInstanceId, recorded -> {
                    writeEntry(json, recorded.jobExecutionId(), recorded.item());
                    written[0]++;
                }));
                json.writeEndArray();
                json.flush();
                if (written[0] == 0 && successMessage != null) {
                    json.close();
                    Files.writeString(partial, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
                            new SuccessReport("success", successMessage)));
                }
            }
            return files.publish(partial, report, jobExecutionId, jobInstanceId, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the failure report into " + directory + ": " + e.getMessage(), e);
        }
    }

    private void writeEntry(JsonGenerator json, long jobExecutionId, ItemOutcome item) {
        json.writeStartObject();
        json.writeStringProperty("email", item.inputValue());
        json.writeStringProperty("account_id", item.accountId());
        String accountUrlTemplate = provider.profile().accountUrl();
        if (accountUrlTemplate != null && item.accountId() != null) {
            json.writeStringProperty("account_url", provider.expand(accountUrlTemplate, item.accountId()));
        }
        json.writeStringProperty("status", "failed");
        json.writeStringProperty("message", item.message());
        json.writeStringProperty("outcome", item.outcome().name().toLowerCase());
        json.writeStringProperty("reason", item.reason());
        if (item.httpStatus() == null) {
            json.writeNullProperty("http_status");
        } else {
            json.writeNumberProperty("http_status", item.httpStatus());
        }
        if (item.lineNo() == null) {
            json.writeNullProperty("line");
        } else {
            json.writeNumberProperty("line", item.lineNo());
        }
        json.writeNumberProperty("job_execution_id", jobExecutionId);
        json.writeEndObject();
    }

    record SuccessReport(String status, String message) {
    }
}
