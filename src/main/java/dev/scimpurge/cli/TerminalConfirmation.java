package dev.scimpurge.cli;

import java.io.Console;
import java.io.PrintWriter;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.job.guard.RemovalConfirmation;
import dev.scimpurge.job.guard.RemovalGuardException;

/**
 * Before the first removal of a real run: with --yes, go ahead; on a terminal, the operator types
 * the target's host name to confirm (a "y" is too easy to give by habit); without a terminal
 * (cron, CI) and without --yes, refuse.
 */
final class TerminalConfirmation implements RemovalConfirmation {

    private final boolean assumeYes;
    private final @Nullable Console console;
    private final PrintWriter out;
    private final String warning;

    TerminalConfirmation(boolean assumeYes, @Nullable Console console, PrintWriter out) {
        this(assumeYes, console, out, "This cannot be undone.");
    }

    /** @param warning the sentence after "N accounts on HOST will be VERB." in the prompt */
    TerminalConfirmation(boolean assumeYes, @Nullable Console console, PrintWriter out, String warning) {
        this.assumeYes = assumeYes;
        this.console = console;
        this.out = out;
        this.warning = warning;
    }

    @Override
    public boolean confirm(String targetHost, long plannedRemovals, String verb) {
        if (assumeYes) {
            out.println("Confirmed: " + plannedRemovals + " accounts on " + targetHost + " will be " + verb + ".");
            return true;
        }
        if (console == null) {
            throw new RemovalGuardException("About to have " + plannedRemovals + " accounts on " + targetHost + " " + verb
                    + ", and there is no terminal to confirm on. Unattended runs (cron, Kubernetes) need --yes.");
        }
        out.flush();
        String answer = console.readLine("%d accounts on %s will be %s. %s%nType the host name (%s) to go ahead: ",
                plannedRemovals, targetHost, verb, warning, targetHost);
        return answer != null && answer.strip().equalsIgnoreCase(targetHost);
    }
}
