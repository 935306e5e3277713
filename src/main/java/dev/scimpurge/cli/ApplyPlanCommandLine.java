package dev.scimpurge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.plan.PlanRelease;

/**
 * The {@code --apply-plan} command for a refused run: the arguments the run was started with (those a {@code --config}
 * file and the environment gave included, so that it does not depend on them staying the same), without its source and
 * what only the source takes, without {@code --dry-run} and {@code --run-id}, with {@code --apply-plan PLAN} and the
 * released limits instead of theirs. A {@code --token} is left out: it would put the secret into a message.
 */
final class ApplyPlanCommandLine implements PlanRelease {

    private static final Set<String> DROPPED_WITH_VALUE = Set.of("--csv", "--retry-failed", "--keep-only", "--apply-plan", "--run-id",
            "--deactivated-for", "--keep-only-min-match", "--plan-max-age", "--token");
    private static final Set<String> DROPPED_FLAGS = Set.of("--deactivated", "--include-not-found", "--dry-run");
    private static final String SANDBOX = "--sandbox";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final List<String> arguments;

    /** @param arguments the purge command's arguments, after the command's name */
    ApplyPlanCommandLine(List<String> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    /** From the run's parameters, for a restart, which was not given the purge's arguments: the target and the provider. */
    static ApplyPlanCommandLine forTarget(String target, String provider) {
        return new ApplyPlanCommandLine(List.of("--url", target, "--provider", provider));
    }

    @Override
    public @Nullable String command(Path plan, String release) {
        if (arguments.stream().anyMatch(argument -> argument.equals(SANDBOX) || argument.startsWith(SANDBOX + "="))) {
            return null;
        }
        Set<String> released = Arrays.stream(release.split(" ")).filter(word -> word.startsWith("--")).collect(Collectors.toSet());
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int equals = argument.indexOf('=');
            String name = argument.startsWith("--") && equals > 0 ? argument.substring(0, equals) : argument;
            if (DROPPED_WITH_VALUE.contains(name) || released.contains(name)) {
                i += name.equals(argument) ? 1 : 0;
            } else if (!DROPPED_FLAGS.contains(name)) {
                kept.add(argument);
            }
        }
        kept.add("--apply-plan");
        kept.add(plan.toAbsolutePath().toString());
        return "scim-purge purge " + kept.stream().map(ApplyPlanCommandLine::quoted).collect(Collectors.joining(" "))
                + (release.isBlank() ? "" : " " + release);
    }

    /** As a POSIX shell reads it back. */
    static String quoted(String argument) {
        return PLAIN.matcher(argument).matches() ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }
}
