package dev.scimpurge.plan;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The command that removes exactly the accounts of a plan a guard refused, after a person has reviewed it: the same
 * command the run was started with, its source replaced by {@code --apply-plan}, with the limits that refused it set to
 * let that plan through.
 */
@FunctionalInterface
public interface PlanRelease {

    /** Said instead of a command where there is none. */
    String NO_COMMAND = "A --sandbox run's plan cannot be applied: its sandbox ends with the run. To rehearse --apply-plan, start "
            + "'scim-purge sandbox' and run against its --url.";

    /**
     * @param plan    the plan report
     * @param release the options that let the plan through the limits that refused it, e.g. {@code --max-deletes 12}
     * @return the command, or null where no command can apply the plan (a {@code --sandbox} run: its server is gone)
     */
    @Nullable String command(Path plan, String release);

    /** The sentence for people: how to apply the plan, or why it cannot be. */
    default String advice(Path plan, String release) {
        String command = command(plan, release);
        return command == null ? NO_COMMAND : "To remove exactly the accounts of this plan after reviewing it: " + command;
    }
}
