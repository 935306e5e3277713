package dev.scimpurge.job;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.report.FailureReportWriter;

/**
 * Around every execution: records which process owns it (so a later run can tell a crash from
 * a live run), and writes the failure report at the end, whether the execution completed,
 * failed or stopped.
 */
@Component
public class PurgeRunListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PurgeRunListener.class);

    private final ExecutionRegistry registry;
    private final FailureReportWriter reports;
    private final String successMessage;

    public PurgeRunListener(ExecutionRegistry registry, FailureReportWriter reports, ProviderRun provider) {
        this.registry = registry;
        this.reports = reports;
        this.successMessage = "All selected users were " + provider.removalVerb() + " successfully.";
    }

    @Override
    public void beforeJob(JobExecution execution) {
        registry.register(execution.getId(), execution.getJobInstanceId(), ExecutionOwner.current());
        PurgeJobParameters run = PurgeJobParameters.from(execution.getJobParameters());
        if (run.planDigest() != null && run.csvFile() != null) {
            registry.planApplied(execution.getId(), run.planDigest(), run.csvFile());
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        PurgeJobParameters run = PurgeJobParameters.from(execution.getJobParameters());
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        try {
            Path report = reports.write(execution.getId(), execution.getJobInstanceId(), run.reportDir(), completed ? successMessage : null);
            registry.reportWritten(execution.getId(), report);
        } catch (RuntimeException e) {
            log.error("Could not write the failure report: {}. Every outcome is in the job database.", e.getMessage());
        }
    }
}
