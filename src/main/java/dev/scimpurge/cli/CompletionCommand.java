package dev.scimpurge.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code scim-purge completion bash|zsh}: prints the shell completion script of every command and option. */
@Command(name = "completion",
        description = {
                "Prints a script that completes scim-purge's commands and options in bash or zsh (picocli's AutoComplete).",
                ""},
        exitCodeList = {"0:the script was printed", "64:usage or configuration error (a shell other than bash or zsh)"},
        footer = {"", "Examples:",
                "  source <(scim-purge completion bash)    (this shell; or add the line to ~/.bashrc)",
                "  scim-purge completion bash | sudo tee /etc/bash_completion.d/scim-purge",
                "  source <(scim-purge completion zsh)     (this shell; or add the line to ~/.zshrc)"})
public class CompletionCommand implements Callable<Integer> {

    /** The shells the script is for. */
    enum Shell { BASH, ZSH }

    @Mixin
    CommandEnvironment environment;

    @SuppressWarnings("NullAway.Init") // picocli sets it: the parameter is required
    @Parameters(paramLabel = "SHELL", converter = ShellConverter.class, description = "bash or zsh.")
    Shell shell;

    static final class ShellConverter implements ITypeConverter<Shell> {

        @Override
        public Shell convert(String value) {
            try {
                return Shell.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected bash or zsh, not '" + value + "'");
            }
        }
    }

    @Override
    public Integer call() {
        // One script for both: picocli's script turns on zsh's bash completion emulation (bashcompinit) when zsh runs it.
        environment.out().print(AutoComplete.bash("scim-purge", environment.mixee.root().commandLine()));
        environment.out().flush();
        return ExitCodes.SUCCESS;
    }
}
