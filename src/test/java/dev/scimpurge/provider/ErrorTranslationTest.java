package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.scimpurge.audit.Outcome;

class ErrorTranslationTest {

    private final ErrorTranslation stackOverflow = new ErrorTranslation(
            new ProviderProfiles(Path.of("none")).load("stackoverflow").errors());

    @Test
    void translatesTheProvidersKnownAnswers() {
        ErrorTranslation.Translated creator = stackOverflow.translate(500, "The DELETE statement conflicted with FK_CommunityMemberships_CreationUser").orElseThrow();
        assertThat(creator.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(creator.reason()).isEqualTo("community_creator");
        assertThat(creator.message()).contains("contact Stack Overflow support").contains("FK_CommunityMemberships_CreationUser");

        ErrorTranslation.Translated missing = stackOverflow.translate(404, "").orElseThrow();
        assertThat(missing.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(missing.message()).contains("deletion over SCIM is not enabled");
    }

    @Test
    void leavesOtherAnswersAlone() {
        assertThat(stackOverflow.translate(500, "database timeout")).isEmpty();
        assertThat(stackOverflow.translate(400, "FK_CommunityMemberships_CreationUser")).isEmpty();
    }
}
