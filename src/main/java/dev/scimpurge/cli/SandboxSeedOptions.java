package dev.scimpurge.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.ServiceProfile;

/**
 * The options that seed a sandbox, declared once for {@code purge --sandbox} (as {@code --sandbox-users}, ...)
 * and {@code sandbox} (as {@code --users}, ..., through {@link WithoutPrefix}), and validated the same way
 * for both; a problem names the option as the command spells it.
 */
public class SandboxSeedOptions {

    static final String PREFIX = "--sandbox-";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = PREFIX + "users", paramLabel = "N", defaultValue = "50", description = "Users in the sandbox (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = PREFIX + "deactivated", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Fraction of the sandbox's users that are deactivated, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double deactivatedFraction;

    @Option(names = PREFIX + "latency", paramLabel = "MILLIS", defaultValue = "0",
            description = "Milliseconds the sandbox adds to every response (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(names = PREFIX + "bulk", paramLabel = "MAX_OPERATIONS", defaultValue = "0",
            description = "The sandbox serves SCIM Bulk (POST {base}/Bulk, generic only) with at most this many operations a request; "
                    + "0 leaves it off (default: ${DEFAULT-VALUE}).")
    int bulkMaxOperations;

    @Option(names = PREFIX + "bulk-max-payload", paramLabel = "BYTES", defaultValue = "1048576",
            description = "With Bulk: the largest Bulk request body the sandbox takes, in bytes, 1 to 1048576 (default: ${DEFAULT-VALUE}).")
    int bulkMaxPayload;

    /** The seed, or a {@link UsageException} naming the first option out of its range. */
    SandboxSeed seed() {
        require(users >= 0, "users", "must be 0 or more");
        require(deactivatedFraction >= 0 && deactivatedFraction <= 1, "deactivated", "must be between 0 and 1");
        require(latencyMillis >= 0, "latency", "must be 0 or more");
        require(bulkMaxOperations >= 0, "bulk", "must be 0 or more");
        require(bulkMaxPayload >= 1 && bulkMaxPayload <= SandboxSeed.MAX_BULK_PAYLOAD, "bulk-max-payload",
                "must be within 1.." + SandboxSeed.MAX_BULK_PAYLOAD);
        return new SandboxSeed(users, deactivatedFraction, Duration.ofMillis(latencyMillis), bulkMaxOperations, bulkMaxPayload);
    }

    /** The settings of a sandbox with this seed playing {@code personality}. */
    SandboxSettings settings(SandboxPersonality personality) {
        return settings(SandboxSettings.defaults().withPersonality(personality));
    }

    /** The settings of a sandbox with this seed playing {@code service} from its provider profile. */
    SandboxSettings settings(ServiceProfile service) {
        return settings(SandboxSettings.defaults().withProfile(service));
    }

    private SandboxSettings settings(SandboxSettings playing) {
        SandboxSeed seed = seed();
        try {
            return seed.applyTo(playing);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name("bulk") + ": " + e.getMessage());
        }
    }

    /** The seed options given on the command line (or from --config), as the command spells them. */
    List<String> given() {
        List<String> given = new ArrayList<>();
        for (String option : List.of("users", "deactivated", "latency", "bulk", "bulk-max-payload")) {
            if (mixee.commandLine().getParseResult().hasMatchedOption(name(option))) {
                given.add(name(option));
            }
        }
        return given;
    }

    private void require(boolean valid, String option, String rule) {
        if (!valid) {
            throw new UsageException(name(option) + " " + rule);
        }
    }

    /** {@code --sandbox-NAME} where the command declares it so, else {@code --NAME}. */
    private String name(String option) {
        return mixee.findOption(PREFIX + option) != null ? PREFIX + option : "--" + option;
    }

    /** For the {@code sandbox} command, which is all sandbox: the seed options without their {@code --sandbox-} prefix. */
    static final class WithoutPrefix implements IModelTransformer {

        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (OptionSpec option : List.copyOf(spec.options())) {
                String name = option.longestName();
                if (name.startsWith(PREFIX)) {
                    spec.remove(option);
                    spec.addOption(option.toBuilder().names("--" + name.substring(PREFIX.length())).build());
                }
            }
            return spec;
        }
    }
}
