package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import dev.scimpurge.PurgeApplication;
import dev.scimpurge.ScimPurgeProperties;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.job.lookup.LookupUntrustedException;
import dev.scimpurge.job.ExecutionControl;
import dev.scimpurge.job.ExecutionOwner;
import dev.scimpurge.job.JobDatabase;
import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.job.purge.Verification;
import dev.scimpurge.job.PurgeLauncher;
import dev.scimpurge.job.RunRefusedException;
import dev.scimpurge.job.guard.RemovalConfirmation;
import dev.scimpurge.job.guard.RemovalGuardException;
import dev.scimpurge.job.guard.RemovalGuardTasklet;
import dev.scimpurge.plan.PlanRelease;
import dev.scimpurge.provider.Credentials;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.report.RunSummary;
import dev.scimpurge.report.RunSummaryQuery;
import dev.scimpurge.scim.ScimException;

/**
 * Starts the Spring context of one purge, launches (or continues) the job, prints the summary
 * and turns the result into an exit code; {@code purge} and {@code restart} both end here. The
 * provider run and the credentials are handed to the context as objects: the secret never becomes
 * a property or a job parameter. SIGTERM during the run stops the job at a chunk boundary.
 */
final class PurgeRun {

    private final JobDatabase database;
    private final List<String> contextArguments;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param contextArguments Spring properties for the run's context, as {@code --name=value} (TLS, proxy, config file, log format, progress)
     * @param environment      the command's streams
     */
    PurgeRun(JobDatabase database, List<String> contextArguments, CommandEnvironment environment) {
        this.database = database;
        this.contextArguments = List.copyOf(contextArguments);
        this.out = environment.out();
        this.err = environment.err();
    }

    /**
     * @param confirmed whether the removals are confirmed already (--yes, a sandbox); if not, a terminal asks
     * @param release   the --apply-plan command a guard's refusal names
     */
    int execute(PurgeJobParameters run, ProviderRun provider, Credentials credentials, boolean confirmed, PlanRelease release) {
        RemovalConfirmation confirmation = new TerminalConfirmation(confirmed, System.console(), out);
        StopOnTermination termination = new StopOnTermination(err);
        SpringApplicationBuilder builder = CommandContexts.builder(PurgeApplication.class).initializers(context -> {
            context.getBeanFactory().registerSingleton("providerRun", provider);
            context.getBeanFactory().registerSingleton("credentials", credentials);
            context.getBeanFactory().registerSingleton("removalConfirmation", confirmation);
            context.getBeanFactory().registerSingleton("planRelease", release);
            context.getBeanFactory().registerSingleton("throughput", run.throughput());
        });
        try (ConfigurableApplicationContext context = CommandContexts.start(builder, database, contextArguments)) {
            ExecutionControl control = context.getBean(ExecutionControl.class);
            termination.install(() -> control.requestStopOfRunsOwnedBy(ExecutionOwner.current()),
                    context.getBean(ScimPurgeProperties.class).job().shutdownGrace());
            return launchAndReport(context, run, provider);
        } finally {
            termination.finish();
        }
    }

    private int launchAndReport(ConfigurableApplicationContext context, PurgeJobParameters run, ProviderRun provider) {
        out.println("Purging " + run.describeSource() + " from " + run.target() + " (provider " + provider.profile().name()
                + ", removal " + provider.removalVariant() + ", run id " + run.runId() + ")");
        out.println("Job database " + database.location() + ", reports in " + run.reportDir());
        JobExecution execution;
        try {
            execution = context.getBean(PurgeLauncher.class).launch(run, out::println);
        } catch (RunRefusedException e) {
            err.println(e.getMessage());
            return ExitCodes.forRefusal(e.reason());
        } catch (DataAccessException | TransactionException e) {
            // The job database failed under the launcher (a connection broken mid-chunk): what committed is kept.
            err.println("error: the job database failed during the run: " + e.getMostSpecificCause().getMessage()
                    + ". Every outcome committed before it is kept; run the same command again to continue.");
            return ExitCodes.JOB_FAILED;
        } catch (Exception e) {
            err.println("error: the job could not start: " + e.getMessage());
            return ExitCodes.JOB_FAILED;
        }
        try {
            return report(context, execution, provider);
        } catch (RuntimeException e) {
            throw new RunNotFinishedException(e);
        }
    }

    private int report(ConfigurableApplicationContext context, JobExecution execution, ProviderRun provider) {
        RunSummary summary = context.getBean(RunSummaryQuery.class).summarize(execution);
        boolean refused = refusedByGuard(execution);
        print(summary, provider.profile().removal().verb(), refused ? "REFUSED" : summary.status(),
                Verification.from(execution.getJobParameters()));
        if (refused) {
            err.println("Refused: " + failureMessages(execution));
            return ExitCodes.REFUSED_BY_GUARD;
        }
        String rehearsedRefusal = RemovalGuardTasklet.dryRunRefusal(execution);
        if (rehearsedRefusal != null) {
            err.println(rehearsedRefusal);
            return ExitCodes.REFUSED_BY_GUARD;
        }
        if (rootCauses(execution).stream().anyMatch(LookupUntrustedException.class::isInstance)) {
            err.println(failureMessages(execution));
            return ExitCodes.USAGE;
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            err.println("Execution " + execution.getId() + " stopped on request after its last committed chunk.");
            err.println("Continue it with 'scim-purge restart " + execution.getId() + "' (or run the same command again).");
            return ExitCodes.JOB_FAILED;
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            err.println("The job stopped before the end: " + failureMessages(execution));
            err.println(FailureAdvice.of(rootCauses(execution)).advise(execution.getId()));
            return ExitCodes.JOB_FAILED;
        }
        return summary.counts().reported() > 0 ? ExitCodes.ITEMS_FAILED : ExitCodes.SUCCESS;
    }

    private void print(RunSummary s, String verb, String status, Verification verification) {
        out.printf("Execution %d %s in %.1f s%n", s.jobExecutionId(), status, s.elapsed().toMillis() / 1000.0);
        out.printf("  read          %8d%n", s.read());
        out.printf("  %-13s %8d%n", verb, s.deleted());
        out.printf("  already gone  %8d%n", s.alreadyGone());
        out.printf("  duplicates    %8d%n", s.duplicates());
        out.printf("  not found     %8d%n", s.notFound());
        out.printf("  failed        %8d%n", s.failed());
        for (Outcome shownWhenPresent : List.of(Outcome.NOT_REMOVED, Outcome.DRIFTED, Outcome.PROTECTED, Outcome.SKIPPED, Outcome.DEFERRED, Outcome.KEPT_NO_ADDRESS,
                Outcome.PLANNED)) {
            long count = s.counts().get(shownWhenPresent);
            if (count > 0) {
                out.printf("  %-13s %8d%n", LABELS.get(shownWhenPresent), count);
            }
        }
        s.counts().unknown().forEach((outcome, count) -> out.printf("  %-13s %8d  (an outcome this version does not know)%n", outcome, count));
        if (s.pending() > 0) {
            out.printf("  not yet done  %8d%n", s.pending());
        }
        out.println("  verified      " + verification);
        out.println("  report        " + (s.report() == null ? "(not written)" : s.report()));
    }

    private static final Map<Outcome, String> LABELS = Map.of(
            Outcome.NOT_REMOVED, "not removed", Outcome.DRIFTED, "drifted", Outcome.PROTECTED, "protected", Outcome.SKIPPED, "reactivated",
            Outcome.DEFERRED, "deferred", Outcome.KEPT_NO_ADDRESS, "no address",
            Outcome.PLANNED, "planned");

    private static boolean refusedByGuard(JobExecution execution) {
        return execution.getAllFailureExceptions().stream().anyMatch(t -> {
            for (Throwable cause = t; cause != null; cause = cause.getCause()) {
                if (cause instanceof RemovalGuardException) {
                    return true;
                }
            }
            return false;
        });
    }

    private static String failureMessages(JobExecution execution) {
        String messages = rootCauses(execution).stream()
                .map(cause -> cause.getMessage() == null ? cause.getClass().getSimpleName() : withoutStackTrace(cause.getMessage()))
                .distinct()
                .collect(Collectors.joining("; "));
        return messages.isEmpty() ? withoutStackTrace(execution.getExitStatus().getExitDescription()) : messages;
    }

    /**
     * Spring Batch writes a failure's stack trace into the exit description: its first line, and the message of the
     * innermost cause, say what happened; the frames are for --debug, which logs them.
     */
    static String withoutStackTrace(String description) {
        List<String> lines = description.lines().toList();
        if (lines.isEmpty()) {
            return description;
        }
        String innermost = lines.stream().filter(line -> line.startsWith("Caused by: ")).reduce((first, last) -> last)
                .map(line -> "; " + line.substring("Caused by: ".length())).orElse("");
        return lines.get(0) + innermost;
    }

    /** What failed the execution: for each failure, the first of its causes that explains itself (or the innermost). */
    private static List<Throwable> rootCauses(JobExecution execution) {
        return execution.getAllFailureExceptions().stream().map(PurgeRun::rootCause).toList();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof ScimException) && !(cause instanceof RemovalGuardException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
