package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.scimpurge.job.ExecutionControl;

/** {@code scim-purge stop ID}: asks a running purge, in whichever process or host runs it, to stop at a chunk boundary. */
@Command(name = "stop",
        description = {
                "Asks a running purge to stop after its current chunk, from any shell or host that reaches its job database. "
                        + "The run ends STOPPED, writes its failure report so far and exits with 2; 'scim-purge restart' continues it.",
                "",
                "SIGTERM to the purge process (Kubernetes stopping its pod) does the same.",
                ""},
        footer = {"", "Examples:",
                "  scim-purge stop 42",
                "  scim-purge stop 42 --db-url jdbc:postgresql://db:5432/scim_purge"})
public class StopCommand implements Callable<Integer> {

    @Mixin
    CommandEnvironment environment;

    @Parameters(paramLabel = "EXECUTION_ID", description = "The running execution (purge prints it; so does the refusal of a second purge).")
    long executionId;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the run to stop; 0 only asks (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        if (waitSeconds < 0) {
            throw new UsageException("--wait must be 0 or more seconds");
        }
        return new OperatorRun(database.resolve(environment), environment).execute(this::stop);
    }

    private int stop(ExecutionControl control) {
        PrintWriter out = environment.out();
        String owner = control.requestStop(executionId).map(Object::toString).orElse("its process");
        out.println("Asked execution " + executionId + " (" + owner + ") to stop after its current chunk.");
        if (waitSeconds == 0) {
            return ExitCodes.SUCCESS;
        }
        out.flush();
        ExecutionControl.AwaitedEnd end;
        try {
            end = control.awaitEnd(executionId, Duration.ofSeconds(waitSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.ALREADY_RUNNING;
        }
        JobExecution execution = end.execution();
        if (execution.isRunning()) {
            environment.err().println("Execution " + executionId + " is still marked " + execution.getStatus()
                    + ": its process, which is still running, stops it when the current chunk commits. Wait, or ask again "
                    + "with a longer --wait.");
            return ExitCodes.ALREADY_RUNNING;
        }
        out.println("Execution " + executionId + " " + execution.getStatus() + ". Its report: "
                + end.report().map(Object::toString).orElse("(not written)"));
        out.println("Continue it with: scim-purge restart " + executionId);
        return ExitCodes.SUCCESS;
    }
}
