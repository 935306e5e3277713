package dev.scimpurge.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.provider.ProviderProfile;
import dev.scimpurge.provider.ProviderProfiles;
import dev.scimpurge.provider.RehearsalSandbox;
import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.ServiceProfile;

/**
 * The sandbox {@code --provider NAME} plays: one of the sandbox's own personalities, else the service described by the
 * {@code sandbox:} section of the provider profile NAME.
 */
final class ProfileSandbox {

    /** The shipped profiles the sandbox plays from their {@code sandbox:} section, for --help. */
    static final String NAMES = "github-emu, salesforce, canva, miro, aws-identity-center, zoom, asana";

    private ProfileSandbox() {
    }

    static SandboxSettings settings(String provider, SandboxSeedOptions seed) {
        String name = provider.trim().toLowerCase(Locale.ROOT);
        SandboxPersonality personality;
        try {
            personality = SandboxPersonality.fromProviderName(name);
        } catch (IllegalArgumentException notOneOfItsOwn) {
            return seed.settings(service(load(name, notOneOfItsOwn.getMessage())));
        }
        return seed.settings(personality);
    }

    /** The service the sandbox plays for {@code profile}, or a {@link UsageException} when its profile has no sandbox. */
    static ServiceProfile service(ProviderProfile profile) {
        try {
            return RehearsalSandbox.of(profile).orElseThrow(() -> new UsageException("the sandbox cannot play provider "
                    + profile.name() + ": its profile has no sandbox: section; rehearse with --provider generic"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The options that name the sandbox's variables, e.g. {@code " --enterprise rehearsal"}. */
    static String variableOptions(String provider) {
        StringBuilder options = new StringBuilder();
        new TreeMap<>(variables(ProviderProfiles.standard().load(provider))).forEach((name, value) ->
                options.append(" --").append(name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
                        .append(' ').append(value));
        return options.toString();
    }

    static Map<String, String> variables(ProviderProfile profile) {
        return RehearsalSandbox.variables(profile);
    }

    private static ProviderProfile load(String name, @Nullable String unknownPersonality) {
        try {
            return ProviderProfiles.standard().load(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(unknownPersonality + ", or a provider profile with a sandbox: section (" + NAMES + ")");
        }
    }
}
