package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.springframework.context.ConfigurableApplicationContext;

import dev.scimpurge.OperatorApplication;
import dev.scimpurge.job.ExecutionControl;
import dev.scimpurge.job.JobDatabase;
import dev.scimpurge.job.RunRefusedException;

/**
 * Runs an operator command (stop, abandon, restart's look-up) against the job database, in the
 * lean {@link OperatorApplication} context: no job, no SCIM connection, no token needed.
 */
final class OperatorRun {

    private final JobDatabase database;
    private final List<String> contextArguments;
    private final PrintWriter err;

    /** With the log settings of {@code environment}'s command (--debug), and its stderr for refusals. */
    OperatorRun(JobDatabase database, CommandEnvironment environment) {
        this.database = database;
        this.contextArguments = List.copyOf(environment.logArguments());
        this.err = environment.err();
    }

    /** Runs a command to its exit code; a refusal prints why and exits with {@link ExitCodes#forRefusal}. */
    int execute(ToIntFunction<ExecutionControl> command) {
        try {
            return call(command::applyAsInt);
        } catch (RunRefusedException e) {
            err.println(e.getMessage());
            return ExitCodes.forRefusal(e.reason());
        }
    }

    /** Looks something up; a refusal is thrown. */
    <T> T call(Function<ExecutionControl, T> query) {
        try (ConfigurableApplicationContext context = CommandContexts.start(CommandContexts.builder(OperatorApplication.class), database,
                contextArguments)) {
            return query.apply(context.getBean(ExecutionControl.class));
        }
    }
}
