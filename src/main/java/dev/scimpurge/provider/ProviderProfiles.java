package dev.scimpurge.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Finds provider profiles by name: {@code config/providers/NAME.yml} in the working directory
 * first (an operator's own or adjusted profile), then the ones shipped in the jar.
 */
public final class ProviderProfiles {

    public static final List<String> BUILT_IN = List.of("generic", "stackoverflow", "anaplan", "slack", "slack-v1", "atlassian",
            "github-emu", "salesforce", "canva", "miro", "aws-identity-center", "zoom", "asana");

    private final Path localDirectory;
    private final YAMLMapper yaml = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    public ProviderProfiles(Path localDirectory) {
        this.localDirectory = localDirectory;
    }

    public static ProviderProfiles standard() {
        return new ProviderProfiles(Path.of("config", "providers"));
    }

    public ProviderProfile load(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("'" + name + "' is not a provider name (lower-case letters, digits, dashes)");
        }
        Path local = localDirectory.resolve(name + ".yml");
        try (InputStream in = Files.isRegularFile(local) ? Files.newInputStream(local)
                : ProviderProfiles.class.getResourceAsStream("/providers/" + name + ".yml")) {
            if (in == null) {
                throw new IllegalArgumentException("unknown provider '" + name + "'; built in: " + String.join(", ", BUILT_IN)
                        + " (or put " + local + " next to your working directory)");
            }
            ProviderProfile profile = yaml.readValue(in, ProviderProfile.class);
            if (!name.equals(profile.name())) {
                throw new IllegalArgumentException("the profile " + name + ".yml names itself '" + profile.name() + "'");
            }
            return profile;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the provider profile '" + name + "' is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
