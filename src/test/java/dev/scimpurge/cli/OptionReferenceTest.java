package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * docs/options.md is generated from the command line's own model, so that it cannot drift from --help.
 * {@code -Dscim-purge.write-option-reference=true} rewrites it; otherwise this test fails while it differs.
 */
class OptionReferenceTest {

    private static final Path PAGE = Path.of("docs/options.md");
    private static final String WRITE = "scim-purge.write-option-reference";

    @Test
    void theOptionReferenceIsTheCommandLinesOwn() throws IOException {
        String generated = reference(new CommandLine(new ScimPurgeCommand(Map.of(), StateDirectory.of(Map.of(), Path.of("/home/user")))));
        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(PAGE, generated);
        }
        assertThat(Files.readString(PAGE)).as(PAGE + " is generated: rewrite it with ./mvnw -B -o test -Dtest=OptionReferenceTest -D"
                + WRITE + "=true").isEqualTo(generated);
    }

    private static String reference(CommandLine root) {
        StringBuilder page = new StringBuilder("""
                # Options

                For anyone looking up what an option does: every command's options, generated from the command
                line's own definition (`OptionReferenceTest` writes this page), so that `--help` and this page
                cannot drift. `scim-purge COMMAND --help` shows the same. The purge options a `--config` file may
                set are also listed, with their defaults, in [`config/application.yml`](../config/application.yml).

                """);
        CommandSpec rootSpec = root.getCommandSpec();
        Set<String> shared = rootSpec.options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
        page.append("## Every command\n\n").append(firstLine(rootSpec)).append("\n\n");
        optionTable(page, rootSpec.options(), null);
        for (CommandLine command : subcommands(root)) {
            CommandSpec spec = command.getCommandSpec();
            page.append("\n## `").append(spec.qualifiedName(" ")).append("`\n\n").append(firstLine(spec)).append("\n\n");
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                page.append("Argument `").append(positional.paramLabel()).append("`: ").append(text(positional.description())).append("\n\n");
            }
            List<OptionSpec> own = spec.options().stream().filter(option -> !shared.contains(option.longestName())).toList();
            Map<String, OptionSpec> settable = spec.findOption(ConfigFileArguments.CONFIG_OPTION) == null ? null
                    : ConfigFileArguments.settableOptions(spec);
            if (own.isEmpty()) {
                page.append("Only the options of every command.\n");
            } else {
                optionTable(page, own, settable);
            }
        }
        page.append("\n## Exit codes\n\n");
        rootSpec.usageMessage().exitCodeList().forEach((code, meaning) ->
                page.append("- `").append(code.strip()).append("` ").append(meaning).append('\n'));
        page.append("\n`sandbox` has its own: `64` for a bad option or a port that is taken; otherwise it serves until stopped.\n");
        return page.toString();
    }

    /** @param settable the options a --config file may set, by key; null when the command takes no --config */
    private static void optionTable(StringBuilder page, List<OptionSpec> options, Map<String, OptionSpec> settable) {
        page.append(settable == null ? "| option | what it does |\n| --- | --- |\n"
                : "| option | what it does | `--config` key |\n| --- | --- | --- |\n");
        options.stream().sorted((a, b) -> a.longestName().replace("-", "").compareTo(b.longestName().replace("-", ""))).forEach(option -> {
            String names = String.join(", ", option.names()) + (option.arity().max() > 0 ? " " + option.paramLabel() : "");
            page.append("| `").append(names).append("` | ").append(describe(option).replace("|", "\\|")).append(" |");
            if (settable != null) {
                String key = settable.entrySet().stream().filter(e -> e.getValue() == option).map(Map.Entry::getKey).findFirst().orElse("");
                page.append(key.isEmpty() ? " |" : " `" + key + "` |");
            }
            page.append('\n');
        });
    }

    private static List<CommandLine> subcommands(CommandLine command) {
        List<CommandLine> all = new ArrayList<>();
        command.getSubcommands().values().stream()
                .filter(sub -> !sub.getCommandName().equals("help"))
                .forEach(sub -> {
                    all.add(sub);
                    all.addAll(subcommands(sub));
                });
        return all;
    }

    private static String firstLine(CommandSpec spec) {
        return spec.usageMessage().description()[0];
    }

    /** The description as --help shows it: with the default value and the completion candidates filled in. */
    private static String describe(OptionSpec option) {
        String candidates = option.completionCandidates() == null ? ""
                : String.join(", ", (Iterable<String>) option.completionCandidates());
        return text(option.description()).replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue()))
                .replace("${COMPLETION-CANDIDATES}", candidates);
    }

    /** One line of Markdown: a {@code <} would start an HTML tag ({@code <time>} would vanish). */
    private static String text(String[] description) {
        return String.join(" ", description).strip().replace("<", "&lt;");
    }
}
