package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import dev.scimpurge.PurgeApplication;
import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.job.ExecutionControl;
import dev.scimpurge.job.ExecutionOwner;
import dev.scimpurge.job.JobDatabase;
import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.job.PurgeLauncher;
import dev.scimpurge.job.RunRefusedException;
import dev.scimpurge.report.RunSummary;
import dev.scimpurge.report.RunSummaryQuery;
import dev.scimpurge.scim.ScimConnection;

/**
 * Starts the Spring context of one purge, launches (or continues) the job, prints the summary
 * and turns the result into an exit code; {@code purge} and {@code restart} both end here. The
 * connection, with its secret, is handed to the context as an object: it never becomes a
 * property or a job parameter. SIGTERM during the run stops the job at a chunk boundary.
 */
final class PurgeRun {

    private final JobDatabase database;
    private final PrintWriter out;
    private final PrintWriter err;

    PurgeRun(JobDatabase database, PrintWriter out, PrintWriter err) {
        this.database = database;
        this.out = out;
        this.err = err;
    }

    int execute(PurgeJobParameters run, ScimConnection connection) {
        StopOnTermination termination = new StopOnTermination(err);
        try (ConfigurableApplicationContext context = CommandContexts.start(CommandContexts.builder(PurgeApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("scimConnection", connection)), database)) {
            ExecutionControl control = context.getBean(ExecutionControl.class);
            termination.install(() -> control.requestStopOfRunsOwnedBy(ExecutionOwner.current()),
                    context.getBean(ScimPurgeProperties.class).job().shutdownGrace());
            return launchAndReport(context, run);
        } finally {
            termination.finish();
        }
    }

    private int launchAndReport(ConfigurableApplicationContext context, PurgeJobParameters run) {
        out.println("Purging " + run.describeSource() + " from " + run.target() + " (run id " + run.runId() + ")");
        JobExecution execution;
        try {
            execution = context.getBean(PurgeLauncher.class).launch(run, out::println);
        } catch (RunRefusedException e) {
            err.println(e.getMessage());
            return ExitCodes.forRefusal(e.reason());
        } catch (Exception e) {
            err.println("error: the job could not start: " + e.getMessage());
            return ExitCodes.JOB_FAILED;
        }
        RunSummary summary = context.getBean(RunSummaryQuery.class).summarize(execution);
        print(summary);
        if (execution.getStatus() == BatchStatus.STOPPED) {
            err.println("Execution " + execution.getId() + " stopped on request after its last committed chunk.");
            err.println("Continue it with 'scim-purge restart " + execution.getId() + "' (or run the same command again).");
            return ExitCodes.JOB_FAILED;
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            err.println("The job stopped before the end: " + failureMessages(execution));
            err.println("Run the same command again, or 'scim-purge restart " + execution.getId() + "', to continue where it stopped.");
            return ExitCodes.JOB_FAILED;
        }
        return summary.counts().reported() > 0 ? ExitCodes.ITEMS_FAILED : ExitCodes.SUCCESS;
    }

    private void print(RunSummary s) {
        out.printf("Execution %d %s in %.1f s%n", s.jobExecutionId(), s.status(), s.elapsed().toMillis() / 1000.0);
        out.printf("  read          %8d%n", s.read());
        out.printf("  deleted       %8d%n", s.deleted());
        out.printf("  already gone  %8d%n", s.alreadyGone());
        out.printf("  duplicates    %8d%n", s.duplicates());
        out.printf("  not found     %8d%n", s.notFound());
        out.printf("  failed        %8d%n", s.failed());
        if (s.pending() > 0) {
            out.printf("  not yet done  %8d%n", s.pending());
        }
        out.println("  report        " + (s.report() == null ? "(not written)" : s.report()));
    }

    private static String failureMessages(JobExecution execution) {
        String messages = execution.getAllFailureExceptions().stream()
                .map(PurgeRun::rootMessage)
                .distinct()
                .collect(Collectors.joining("; "));
        return messages.isEmpty() ? execution.getExitStatus().getExitDescription() : messages;
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof dev.scimpurge.scim.ScimException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
