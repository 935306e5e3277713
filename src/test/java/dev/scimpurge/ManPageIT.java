package dev.scimpurge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The man pages {@code ./mvnw package} writes from the command declarations (ManPageGenerator, then asciidoctor). */
class ManPageIT {

    private static final Path MAN = Path.of("target", "man").toAbsolutePath();

    @Test
    void thePackageHasAManPageForTheCommandAndEachSubcommand() throws Exception {
        Path root = MAN.resolve("scim-purge.1");
        Path purge = MAN.resolve("scim-purge-purge.1");
        assertThat(root).isRegularFile();
        assertThat(purge).isRegularFile();
        for (String command : new String[] {"probe", "restart", "stop", "abandon", "history", "audit", "sandbox", "completion"}) {
            assertThat(MAN.resolve("scim-purge-" + command + ".1")).isRegularFile();
        }
        String rootPage = Files.readString(root);
        assertThat(rootPage).contains(".TH \"SCIM\\-PURGE\" \"1\"").contains("\\fBpurge\\fP", "\\fBcompletion\\fP");
        String purgePage = Files.readString(purge);
        assertThat(purgePage).contains(".TH \"SCIM\\-PURGE\\-PURGE\" \"1\"")
                .contains("\\-\\-retry\\-failed", "\\-\\-include\\-not\\-found", "\\-\\-keep\\-only\\-min\\-match");
    }
}
