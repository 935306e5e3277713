package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parses and runs one command. The environment and the output streams are passed in, so that
 * tests drive exactly what a user runs.
 */
public final class ScimPurgeCli {

    private final Map<String, String> environment;
    private final StateDirectory state;
    private final PrintWriter out;
    private final PrintWriter err;

    /** With Java's home directory for an environment that has no HOME, as the jar's main runs it. */
    public ScimPurgeCli(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this(environment, Path.of(System.getProperty("user.home")), out, err);
    }

    /** @param userHome the home directory to assume when the environment has no HOME */
    public ScimPurgeCli(Map<String, String> environment, Path userHome, PrintWriter out, PrintWriter err) {
        this.environment = Map.copyOf(environment);
        this.state = StateDirectory.of(this.environment, userHome);
        this.out = out;
        this.err = err;
    }

    public int execute(String... args) {
        ScimPurgeCommand root = new ScimPurgeCommand(environment, state);
        CommandLine commandLine = commandLine(root);
        ConfigFileArguments.Expansion expansion;
        try {
            expansion = new ConfigFileArguments(environment).expand(commandLine, args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        if (!expansion.describe().isEmpty()) {
            out.println(expansion.describe());
        }
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            err.println("error: " + exception.getMessage());
            if (exception instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                err.println("Did you mean: " + String.join(", ", unmatched.getSuggestions()) + "?");
            }
            err.println(seeHelp(exception.getCommandLine()));
            return ExitCodes.USAGE;
        });
        commandLine.setExitCodeExceptionMapper(new ExitCodeOfFailure());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof UsageException) {
                err.println("error: " + exception.getMessage());
                err.println(seeHelp(cmd));
            } else {
                Throwable shown = exception instanceof RunNotFinishedException ? Objects.requireNonNull(exception.getCause()) : exception;
                String what = shown instanceof JobDatabaseUnavailableException ? "" : shown.getClass().getSimpleName() + ": ";
                err.println("error: " + what + shown.getMessage() + (root.debug() ? "" : " (--debug shows where)"));
                if (root.debug()) {
                    exception.printStackTrace(err);
                }
            }
            return commandLine.getExitCodeExceptionMapper().getExitCode(exception);
        });
        int code = commandLine.execute(expansion.arguments());
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Parses a command line as {@link #execute} would, settings from {@code --config} and the
     * environment included, without running it: for checking scheduled commands against the real options.
     */
    public ParseResult parse(String... args) {
        CommandLine commandLine = commandLine(new ScimPurgeCommand(environment, state));
        return commandLine.parseArgs(new ConfigFileArguments(environment).expand(commandLine, args).arguments());
    }

    private static String seeHelp(CommandLine command) {
        return "Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.";
    }

    private CommandLine commandLine(ScimPurgeCommand root) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine;
    }
}
