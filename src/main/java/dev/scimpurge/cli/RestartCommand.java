package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.scimpurge.job.ExecutionControl;
import dev.scimpurge.job.JobDatabase;
import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.job.RunRefusedException;
import dev.scimpurge.provider.Credentials;
import dev.scimpurge.provider.ProviderProfiles;
import dev.scimpurge.provider.ProviderRun;

/** {@code scim-purge restart ID|--last}: continues a failed or stopped purge from the job database alone. */
@Command(name = "restart",
        description = {
                "Continues a purge that failed or was stopped, after its last committed chunk, with the target URL, input "
                        + "and run id recorded in the job database. Prints the same summary as purge.",
                "",
                "An execution still marked running whose process is gone (killed, crashed, host lost) is taken over; "
                        + "one left by another host once its lease on the target lock has expired (restart waits for that). "
                        + "A completed or abandoned one is not restarted.",
                "",
                "The token comes from the SCIM_TOKEN environment variable or --token-file.",
                ""},
        footer = {"", "Examples:",
                "  SCIM_TOKEN=... scim-purge restart --last",
                "  scim-purge restart 42 --token-file /run/secrets/scim",
                "  scim-purge restart --last --log-format json --yes"})
public class RestartCommand implements Callable<Integer> {

    @Mixin
    CommandEnvironment environment;

    @SuppressWarnings("NullAway.Init") // picocli always sets it: multiplicity = "1"
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static class Which {
        @Parameters(paramLabel = "EXECUTION_ID", description = "The execution to continue (purge prints it: 'Execution N ...').")
        @Nullable Long executionId;

        @Option(names = "--last", required = true, description = "The most recent execution in the job database.")
        boolean last;
    }

    @Mixin
    CredentialOptions credentials;

    @Mixin
    RunOptions runOptions;

    @Mixin
    DatabaseOptions database;

    /** The execution asked for, the latest of its run (the one that continues), and whether its input was read. */
    private record RestartPoint(JobExecution requested, JobExecution latest, PurgeJobParameters run, boolean inputCollected) {
    }

    @Override
    public Integer call() {
        PrintWriter out = environment.out();
        JobDatabase jobDatabase = database.resolve(environment);
        RestartPoint point;
        try {
            point = new OperatorRun(jobDatabase, environment).call(this::restartPoint);
        } catch (RunRefusedException e) {
            environment.err().println(e.getMessage());
            return ExitCodes.forRefusal(e.reason());
        }
        PurgeJobParameters run = point.run();
        if (run.source() == PurgeJobParameters.Source.APPLY_PLAN && !point.inputCollected()) {
            // the plan's age and target are checked by purge, before it reads the plan: it continues the same run
            throw new UsageException("execution " + point.latest().getId() + " has not read its plan " + run.csvFile()
                    + " yet; continue it with 'purge --apply-plan' and the plan, which checks the plan's age and target first");
        }
        if (run.source().readsFile() && !point.inputCollected()) {
            refuseChangedInput(run, point.latest());
        }
        ProviderRun provider = restoreProvider(run);
        Credentials resolved = credentials.resolve(provider, environment);
        long latest = point.latest().getId();
        out.println(point.requested().getId() == latest
                ? "Restarting execution " + latest + " (" + point.latest().getStatus() + ")"
                : "Execution " + point.requested().getId() + " was continued by execution " + latest + "; restarting that one ("
                        + point.latest().getStatus() + ")");
        return new PurgeRun(jobDatabase, runOptions.springArguments(environment, System.console() != null), environment)
                .execute(run, provider, resolved, runOptions.confirmation.yes, ApplyPlanCommandLine.forTarget(run.target().toString(), run.provider()));
    }

    /** The provider as the run was started with: its profile by name, and the settings stored in the job parameters. */
    private static ProviderRun restoreProvider(PurgeJobParameters run) {
        try {
            return ProviderRun.restore(ProviderProfiles.standard().load(run.provider()), run.providerSettings());
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot rebuild provider " + run.provider() + " of this run: " + e.getMessage());
        }
    }

    private RestartPoint restartPoint(ExecutionControl control) {
        JobExecution requested = which.last ? control.lastExecution() : control.execution(Objects.requireNonNull(which.executionId));
        JobExecution latest = control.latestOfRun(requested);
        control.refuseIfFinished(latest);
        return new RestartPoint(requested, latest, PurgeJobParameters.from(latest.getJobParameters()), control.inputCollected(latest));
    }

    private static String currentSha256(Path csv) {
        try {
            return CsvInput.fingerprint(csv).sha256();
        } catch (UsageException e) {
            return "unreadable";
        }
    }

    /** A run that has not read its CSV yet reads it now: it must still be the file the run was started with. */
    private static void refuseChangedInput(PurgeJobParameters run, JobExecution latest) {
        if (!Objects.requireNonNull(run.csvSha256()).equals(currentSha256(Objects.requireNonNull(run.csvFile())))) {
            boolean keepList = run.source() == PurgeJobParameters.Source.KEEP_ONLY;
            String file = keepList ? "keep list" : "CSV";
            throw new UsageException("the " + file + " " + run.csvFile() + " has changed since execution " + latest.getId()
                    + " started, and that run has not read it yet. To purge with the file as it is now, run 'purge "
                    + (keepList ? "--keep-only" : "--csv") + "' with it: an edited " + file + " is a new run.");
        }
    }
}
