package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The I/O and environment a command runs with: its output streams, the environment variables, the
 * state directory, and whether --debug was given. A mixin without options: picocli injects the
 * command it is mixed into ({@code @Spec(MIXEE)}), and the rest comes from the root command, which
 * {@link ScimPurgeCli} builds with them. ({@code @Command} only makes it a mixin picocli accepts.)
 */
@Command
public final class CommandEnvironment {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** The environment variables the command was given. */
    Map<String, String> variables() {
        return root().environment();
    }

    /** Where the job database and the reports go by default. */
    StateDirectory state() {
        return root().state();
    }

    /** Spring Boot arguments for a command's context: with --debug, the log gives stack frames and Spring Batch's own failure lines. */
    List<String> logArguments() {
        return root().logArguments();
    }

    private ScimPurgeCommand root() {
        return (ScimPurgeCommand) mixee.root().userObject();
    }
}
