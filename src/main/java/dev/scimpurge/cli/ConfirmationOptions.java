package dev.scimpurge.cli;

import picocli.CommandLine.Option;

/** Whether a command that changes accounts asks first: {@code --yes}, shared by purge, restart (in {@link RunOptions}) and restore. */
public class ConfirmationOptions {

    @Option(names = "--yes", description = "Do not ask for confirmation (needed when there is no terminal, e.g. cron). A restart "
            + "asks only if the run was not confirmed yet (refused by a guard before its first removal); the limits and "
            + "protections are checked again either way.")
    boolean yes;
}
