package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import dev.scimpurge.job.ExecutionControl;

/** {@code scim-purge abandon ID}: gives up a run for good. */
@Command(name = "abandon",
        description = {
                "Marks an execution ABANDONED: it is never restarted, and a purge with the same URL, input and run id "
                        + "is refused from then on. What it removed stays removed; its outcomes stay in the job database.",
                "",
                "A running execution must be stopped first ('scim-purge stop'); one left running by a process that is gone "
                        + "is marked failed, then abandoned. To purge the same input again later, pass a new --run-id.",
                ""},
        footer = {"", "Example:", "  scim-purge abandon 42"})
public class AbandonCommand implements Callable<Integer> {

    @Mixin
    CommandEnvironment environment;

    @Parameters(paramLabel = "EXECUTION_ID", description = "The latest execution of the run to give up.")
    long executionId;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        return new OperatorRun(database.resolve(environment), environment).execute(this::abandon);
    }

    private int abandon(ExecutionControl control) {
        PrintWriter out = environment.out();
        BatchStatus before = control.execution(executionId).getStatus();
        control.abandon(executionId);
        if (before == BatchStatus.ABANDONED) {
            out.println("Execution " + executionId + " was already abandoned.");
        } else {
            out.println("Execution " + executionId + " (" + before + ") is now ABANDONED and will not be restarted. "
                    + "To purge the same input again, pass a new --run-id.");
        }
        return ExitCodes.SUCCESS;
    }
}
