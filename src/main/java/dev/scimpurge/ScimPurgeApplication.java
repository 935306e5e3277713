package dev.scimpurge;

import java.io.PrintWriter;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.cli.ScimPurgeCli;

/** Entry point of the executable jar: the command line decides what to start. */
public final class ScimPurgeApplication {

    private ScimPurgeApplication() {
    }

    /**
     * An error the command could not handle (out of memory, on any thread) ends the process with
     * {@link ExitCodes#JOB_FAILED}: the run did not finish and is restartable. The JVM's own exit
     * codes for it (1 for an uncaught error, 3 for -XX:+ExitOnOutOfMemoryError) would read as
     * "completed with failed rows" or "refused by a guard".
     */
    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof VirtualMachineError) {
                crash(err, error);
            }
        });
        int code;
        try {
            code = new ScimPurgeCli(System.getenv(), new PrintWriter(System.out, true), err).execute(args);
        } catch (VirtualMachineError error) {
            crash(err, error);
            return;
        }
        System.exit(code);
    }

    /**
     * Halts without shutdown hooks: they could need the memory or the thread that is gone. Saying
     * why may itself run out of memory; the exit code does not depend on it.
     */
    private static void crash(PrintWriter err, Throwable error) {
        try {
            err.println("error: " + error + " (the run did not finish; 'restart' continues it)");
            err.flush();
        } finally {
            Runtime.getRuntime().halt(ExitCodes.JOB_FAILED);
        }
    }
}
