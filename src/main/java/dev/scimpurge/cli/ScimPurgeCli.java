package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.Map;

import picocli.CommandLine;

/**
 * Parses and runs one command. The environment and the output streams are passed in, so that
 * tests drive exactly what a user runs.
 */
public final class ScimPurgeCli {

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;

    public ScimPurgeCli(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this.environment = Map.copyOf(environment);
        this.out = out;
        this.err = err;
    }

    public int execute(String... args) {
        CommandLine commandLine = new CommandLine(new ScimPurgeCommand(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof UsageException) {
                err.println("error: " + exception.getMessage());
                err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
                return ExitCodes.USAGE;
            }
            err.println("error: " + exception.getClass().getSimpleName() + ": " + exception.getMessage());
            return ExitCodes.JOB_FAILED;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
