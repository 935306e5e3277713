package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** scim-purge completion: the script a shell loads to complete commands and options. */
class CompletionCommandTest {

    @TempDir
    Path dir;

    @Test
    void theBashScriptCompletesEveryCommandAndTheirOptions() {
        CliResult bash = new Workspace(dir).run("completion", "bash");

        assertThat(bash.exitCode()).as(bash.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(bash.out()).contains("complete -F _complete_scim-purge", "_picocli_scim-purge_purge()");
        for (String command : new String[] {"purge", "probe", "sandbox", "restart", "stop", "abandon", "history", "audit", "completion"}) {
            assertThat(bash.out()).as(command).containsPattern("commands=\"[^\"]*\\b" + command + "\\b");
        }
        assertThat(bash.out()).contains("--retry-failed", "--keep-only", "--include-not-found", "--keep-only-min-match", "--csv");
        assertThat(bash.err()).isEmpty();
    }

    @Test
    void zshGetsTheScriptThatTurnsOnItsBashCompletion() {
        CliResult zsh = new Workspace(dir).run("completion", "zsh");

        assertThat(zsh.exitCode()).as(zsh.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(zsh.out()).contains("bashcompinit", "ZSH_VERSION", "_picocli_scim-purge_purge()");
    }

    @Test
    void anotherShellIsAUsageError() {
        CliResult fish = new Workspace(dir).run("completion", "fish");

        assertThat(fish.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fish.err()).contains("expected bash or zsh, not 'fish'").doesNotContain("Exception");
        assertThat(fish.out()).isEmpty();
    }
}
