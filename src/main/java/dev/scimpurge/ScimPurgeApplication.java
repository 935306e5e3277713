package dev.scimpurge;

import java.io.PrintWriter;

import dev.scimpurge.cli.ScimPurgeCli;

/** Entry point of the executable jar: the command line decides what to start. */
public final class ScimPurgeApplication {

    private ScimPurgeApplication() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(new ScimPurgeCli(System.getenv(), out, err).execute(args));
    }
}
