package dev.scimpurge.notify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeChain;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.job.guard.RemovalGuardException;
import dev.scimpurge.report.RunEnd;
import dev.scimpurge.report.RunSummary;
import dev.scimpurge.report.RunSummaryQuery;

/**
 * Reads a finished execution into a {@link RunNotice}: its figures from the job database, how it
 * ended and its exit code ({@link RunEnd}), a guard's refusal from the execution's failures.
 */
@Component
public class RunNotices {

    static final int MAX_ROWS = 100;

    private final RunSummaryQuery summaries;
    private final OutcomeRepository outcomes;
    private final OutcomeChain chain;

    public RunNotices(RunSummaryQuery summaries, OutcomeRepository outcomes, JdbcTemplate jdbc) {
        this.summaries = summaries;
        this.outcomes = outcomes;
        this.chain = new OutcomeChain(jdbc);
    }

    public RunNotice read(JobExecution execution, boolean details) {
        PurgeJobParameters run = PurgeJobParameters.from(execution.getJobParameters());
        RunSummary summary = summaries.summarize(execution);
        RemovalGuardException refusal = RunEnd.refusal(execution);
        RunEnd end = RunEnd.of(execution, summary);
        Trigger trigger = switch (end) {
            case REFUSED -> Trigger.REFUSED;
            case STOPPED -> Trigger.STOPPED;
            case FAILED, ROWS_FAILED -> Trigger.FAILED;
            case COMPLETED -> Trigger.COMPLETED;
        };
        int exitCode = end.exitCode();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome.name().toLowerCase(Locale.ROOT), summary.counts().get(outcome));
        }
        summary.counts().unknown().forEach(counts::put);
        counts.put("pending", summary.pending());
        Map<String, Path> reports = new LinkedHashMap<>();
        if (summary.report() != null) {
            reports.put("failure_report", summary.report());
        }
        Path runSummary = run.reportDir().resolve("run_summary_" + execution.getId() + ".json");
        if (Files.exists(runSummary)) {
            reports.put("run_summary", runSummary);
        }
        if (refusal != null && refusal.refusal() != null && refusal.refusal().plan() != null) {
            reports.put("plan", refusal.refusal().plan());
        }
        return new RunNotice(trigger, refusal != null ? "REFUSED" : summary.status(), exitCode, run.target().toString(), run.provider(),
                run.runId(), execution.getId(), run.guards().dryRun(), summary.read(), counts, summary.elapsed(), reports,
                refusal == null ? null : refusal.refusal(), refusal == null ? null : refusal.getMessage(), auditHead(),
                details ? failedRows(execution.getJobInstanceId()) : null);
    }

    private @Nullable String auditHead() {
        String hash = chain.ends().head().hash();
        return hash == null || hash.isBlank() ? null : hash;
    }

    private List<RunNotice.Row> failedRows(long jobInstanceId) {
        List<RunNotice.Row> rows = new ArrayList<>();
        outcomes.forEachReported(jobInstanceId, recorded -> {
            if (rows.size() < MAX_ROWS) {
                rows.add(new RunNotice.Row(recorded.item().inputValue(), recorded.item().accountId(),
                        recorded.item().outcome().name().toLowerCase(Locale.ROOT), recorded.item().reason()));
            }
        });
        return rows;
    }
}
