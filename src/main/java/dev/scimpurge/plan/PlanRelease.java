package dev.scimpurge.plan;

import java.nio.file.Path;

/**
 * The command that removes exactly the accounts of a plan a guard refused, after a person has reviewed it: the same
 * command the run was started with, its source replaced by {@code --apply-plan}, with the limits that refused it set to
 * let that plan through.
 */
@FunctionalInterface
public interface PlanRelease {

    /**
     * @param plan    the plan report
     * @param release the options that let the plan through the limits that refused it, e.g. {@code --max-deletes 12}
     */
    String command(Path plan, String release);
}
