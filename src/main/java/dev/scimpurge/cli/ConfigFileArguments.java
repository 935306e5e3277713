package dev.scimpurge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Turns a {@code --config FILE} and {@code SCIM_PURGE_PURGE_*} environment variables into the
 * command's own options, before picocli parses them. A key is an option's long name under
 * {@code scim-purge.purge} ({@code url}, {@code deactivated}, {@code max-deletes}, ...), so every
 * option, including ones added later, can be set from a file without a mapping to keep up to date;
 * and picocli validates file values exactly as typed ones.
 *
 * <p>Precedence: the command line, then the environment, then the file, then the options' defaults.
 * An option of an exclusive group given on the command line (e.g. {@code --csv}) replaces the
 * whole group from the file (e.g. {@code deactivated: true}).
 *
 * <p>Why argv is rewritten rather than a picocli {@code IDefaultValueProvider} used: picocli does not
 * initialise an {@code @ArgGroup} from a default provider when none of the group's options is given
 * on the command line, so {@code deactivated: true} or {@code max-deletes: 50} in a file would be
 * silently ignored (the source group is required, the safety group would keep its defaults). Options
 * written into argv are parsed, grouped and validated exactly as typed ones.
 */
final class ConfigFileArguments {

    static final String PREFIX = "scim-purge.purge.";
    static final String CONFIG_OPTION = "--config";
    private static final List<String> ENVIRONMENT_PREFIXES = List.of("SCIM_PURGE_PURGE_", "SCIMPURGE_PURGE_");
    private static final Set<String> NOT_SETTABLE = Set.of("--help", "--version", CONFIG_OPTION);
    static final Set<String> SECRETS = Set.of("--token");
    private static final String PURGE = "scim-purge.purge";
    /**
     * YAML 1.1 reads an unquoted key {@code yes} as the boolean true, which Spring Boot names
     * {@code [true]}; under scim-purge.purge it can only mean the yes option, as the operator wrote it.
     */
    private static final Map<String, String> YAML_BOOLEAN_KEYS = Map.of("yes", PURGE + "[true]");

    /** The arguments to parse, and which options came from where (names only: values may be paths an operator recognises, never secrets). */
    record Expansion(String[] arguments, @Nullable Path configFile, List<String> fromFile, List<String> fromEnvironment) {

        String describe() {
            List<String> parts = new ArrayList<>();
            if (!fromFile.isEmpty()) {
                parts.add("from " + configFile + ": " + String.join(", ", fromFile));
            }
            if (!fromEnvironment.isEmpty()) {
                parts.add("from the environment: " + String.join(", ", fromEnvironment));
            }
            return parts.isEmpty() ? "" : "Settings " + String.join("; ", parts);
        }
    }

    private final Map<String, String> environment;

    ConfigFileArguments(Map<String, String> environment) {
        this.environment = environment;
    }

    Expansion expand(CommandLine root, String... args) {
        CommandLine subcommand = args.length == 0 ? null : root.getSubcommands().get(args[0]);
        if (subcommand == null || subcommand.getCommandSpec().findOption(CONFIG_OPTION) == null || asksForHelp(args)) {
            return new Expansion(args, null, List.of(), List.of());
        }
        CommandSpec spec = subcommand.getCommandSpec();
        List<String> typed = Arrays.asList(args).subList(1, endOfOptions(args));
        Path configFile = configFile(typed);
        List<PropertySource<?>> fileSources = configFile == null ? List.of() : load(configFile);
        SystemEnvironmentPropertySource environmentSource = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(environment));

        Map<String, OptionSpec> settable = settableOptions(spec);
        rejectUnknownKeys(settable, fileSources, configFile);
        rejectUnknownVariables(settable);

        List<PropertySource<?>> all = new ArrayList<>();
        all.add(environmentSource);
        all.addAll(fileSources);
        // ${NAME} placeholders in the file resolve against the environment and the file, as in Spring Boot.
        Binder fromEnvironment = new Binder(ConfigurationPropertySources.from(environmentSource));
        Binder fromFile = new Binder(ConfigurationPropertySources.from(fileSources), new PropertySourcesPlaceholdersResolver(all));

        List<String> expanded = new ArrayList<>(List.of(args[0]));
        List<String> namesFromFile = new ArrayList<>();
        List<String> namesFromEnvironment = new ArrayList<>();
        for (Map.Entry<String, OptionSpec> entry : settable.entrySet()) {
            String key = entry.getKey();
            OptionSpec option = entry.getValue();
            if (givenOnCommandLine(option, typed)) {
                continue;
            }
            String value = fromEnvironment.bind(PREFIX + key, String.class).orElse(null);
            List<String> origin = namesFromEnvironment;
            if (value == null) {
                value = fromFile.bind(PREFIX + key, String.class)
                        .orElseGet(() -> YAML_BOOLEAN_KEYS.containsKey(key) ? fromFile.bind(YAML_BOOLEAN_KEYS.get(key), String.class).orElse(null) : null);
                origin = namesFromFile;
            }
            if (value == null) {
                continue;
            }
            if (SECRETS.contains(option.longestName())) {
                throw new UsageException("'" + key + "' cannot come from a config file or the environment's SCIM_PURGE_PURGE_* variables: "
                        + "put the token in a file (token-file) or in SCIM_TOKEN");
            }
            origin.add(key);
            expanded.addAll(asArguments(option, key, value));
        }
        expanded.addAll(Arrays.asList(args).subList(1, args.length));
        return new Expansion(expanded.toArray(String[]::new), configFile, namesFromFile, namesFromEnvironment);
    }

    private static boolean asksForHelp(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version"));
    }

    private static int endOfOptions(String[] args) {
        int end = Arrays.asList(args).indexOf("--");
        return end < 0 ? args.length : end;
    }

    private static @Nullable Path configFile(List<String> typed) {
        Path file = null;
        for (int i = 0; i < typed.size(); i++) {
            String arg = typed.get(i);
            String value = null;
            if (arg.equals(CONFIG_OPTION)) {
                if (i + 1 >= typed.size()) {
                    throw new UsageException(CONFIG_OPTION + " needs a FILE");
                }
                value = typed.get(i + 1);
            } else if (arg.startsWith(CONFIG_OPTION + "=")) {
                value = arg.substring(CONFIG_OPTION.length() + 1);
            }
            if (value != null) {
                if (file != null) {
                    throw new UsageException("give " + CONFIG_OPTION + " once");
                }
                file = Path.of(value);
            }
        }
        return file;
    }

    private static List<PropertySource<?>> load(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(CONFIG_OPTION + ": cannot read " + file.toAbsolutePath());
        }
        try {
            return new YamlPropertySourceLoader().load("config file " + file, new FileSystemResource(file));
        } catch (IOException | RuntimeException e) {
            throw new UsageException(CONFIG_OPTION + ": " + file + " is not valid YAML (" + e.getMessage() + ")");
        }
    }

    /** Every option a file may set, by its key: the long name without the dashes. */
    static Map<String, OptionSpec> settableOptions(CommandSpec spec) {
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String name = option.longestName();
            if (name.startsWith("--") && !NOT_SETTABLE.contains(name)) {
                options.put(name.substring(2), option);
            }
        }
        return options;
    }

    /** A misspelt key must not silently fall back to a default: for a guard that would mean no guard. */
    private static void rejectUnknownKeys(Map<String, OptionSpec> settable, List<PropertySource<?>> fileSources, @Nullable Path file) {
        Set<String> known = normalized(settable.keySet());
        Set<String> unknown = new TreeSet<>();
        for (PropertySource<?> source : fileSources) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    String key = name.startsWith(PREFIX) ? name.substring(PREFIX.length())
                            : name.startsWith(PURGE + "[") ? name.substring(PURGE.length()) : null;
                    if (key != null && !known.contains(normalize(key)) && !YAML_BOOLEAN_KEYS.containsValue(name)) {
                        unknown.add(key);
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException(file + ": unknown key(s) under scim-purge.purge: " + String.join(", ", unknown)
                    + ". The keys are the purge options' long names: " + String.join(", ", settable.keySet()));
        }
    }

    private void rejectUnknownVariables(Map<String, OptionSpec> settable) {
        Set<String> known = normalized(settable.keySet());
        Set<String> unknown = new TreeSet<>();
        environment.keySet().forEach(variable -> ENVIRONMENT_PREFIXES.stream().filter(variable::startsWith).findFirst()
                .filter(prefix -> !known.contains(normalize(variable.substring(prefix.length()))))
                .ifPresent(prefix -> unknown.add(variable)));
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown environment variable(s): " + String.join(", ", unknown)
                    + ". SCIM_PURGE_PURGE_<KEY> sets a purge option, e.g. SCIM_PURGE_PURGE_MAX_DELETES for max-deletes");
        }
    }

    private static Set<String> normalized(Set<String> keys) {
        Set<String> result = new TreeSet<>();
        keys.forEach(key -> result.add(normalize(key)));
        return result;
    }

    private static String normalize(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static boolean givenOnCommandLine(OptionSpec option, List<String> typed) {
        List<OptionSpec> replaced = option.group() != null && option.group().exclusive() ? option.group().options() : List.of(option);
        return replaced.stream().flatMap(o -> Arrays.stream(o.names()))
                .anyMatch(name -> typed.stream().anyMatch(arg -> arg.equals(name) || arg.startsWith(name + "=")));
    }

    private static List<String> asArguments(OptionSpec option, String key, String value) {
        String name = option.longestName();
        if (option.arity().max() == 0) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> List.of(name);
                case "false" -> List.of();
                default -> throw new UsageException("'" + key + "' is a switch: true or false, not '" + value + "'");
            };
        }
        return List.of(name + "=" + value);
    }
}
