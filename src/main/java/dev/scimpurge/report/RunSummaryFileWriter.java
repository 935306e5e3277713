package dev.scimpurge.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.provider.ProviderRun;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the end-of-run summary as {@code run_summary_<execution>.json} beside the failure report,
 * for monitoring that reads files rather than output. Runs after the failure report is written, so
 * it can name it.
 */
@Component
public class RunSummaryFileWriter implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunSummaryFileWriter.class);

    private final RunSummaryQuery summaries;
    private final ProviderRun provider;
    private final JsonMapper mapper;
    private final ReportFiles files;

    public RunSummaryFileWriter(RunSummaryQuery summaries, ProviderRun provider, JsonMapper mapper, ReportFiles files) {
        this.files = files;
        this.summaries = summaries;
        this.provider = provider;
        this.mapper = mapper;
    }

    @Override
    public void afterJob(JobExecution execution) {
        PurgeJobParameters run = PurgeJobParameters.from(execution.getJobParameters());
        try {
            write(execution, run);
        } catch (RuntimeException e) {
            log.error("Could not write the run summary: {}. The same figures are in the job database.", e.getMessage());
        }
    }

    Path write(JobExecution execution, PurgeJobParameters run) {
        RunSummary summary = summaries.summarize(execution);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("job_execution_id", summary.jobExecutionId());
        json.put("job_instance_id", execution.getJobInstanceId());
        json.put("status", summary.status());
        json.put("run_id", run.runId());
        json.put("target", run.target().toString());
        json.put("provider", run.provider());
        json.put("action", provider.removalVerb());
        json.put("source", switch (run.source()) {
            case CSV -> Objects.requireNonNull(run.csvFile()).toString();
            case DEACTIVATED -> "deactivated";
            case RETRY -> "retry";
            case KEEP_ONLY -> "keep-only";
            case APPLY_PLAN -> "apply-plan";
        });
        if (run.source() == PurgeJobParameters.Source.KEEP_ONLY) {
            json.put("keep_list", Objects.requireNonNull(run.csvFile()).toString());
        }
        if (run.planDigest() != null) {
            json.put("plan", Objects.requireNonNull(run.csvFile()).toString());
            json.put("plan_digest", run.planDigest());
        }
        PurgeJobParameters.Retry retry = run.retry();
        if (retry != null) {
            json.put("retry_of", retry.executionId());
        }
        json.put("dry_run", run.guards().dryRun());
        json.put("verify", run.verification().verifies() ? "all" : "none");
        json.put("verification", run.verification().toString());
        json.put("started_at", execution.getStartTime() == null ? null : execution.getStartTime().toString());
        json.put("elapsed_seconds", summary.elapsed().toMillis() / 1000.0);
        json.put("read", summary.read());
        for (Outcome outcome : Outcome.values()) {
            json.put(outcome.name().toLowerCase(Locale.ROOT), summary.counts().get(outcome));
        }
        json.put("other", summary.counts().unknown());
        json.put("pending", summary.pending());
        json.put("failure_report", summary.report() == null ? null : summary.report().toString());
        Path directory = run.reportDir();
        Path file = directory.resolve("run_summary_" + summary.jobExecutionId() + ".json");
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, ".run_summary", ".partial");
            Files.writeString(partial, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            return files.publish(partial, file, execution.getId(), execution.getJobInstanceId(), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
