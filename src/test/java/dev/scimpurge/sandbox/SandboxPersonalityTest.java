package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SandboxPersonalityTest {

    @Test
    void providerNamesAreLowerCaseAndParsedIgnoringCase() {
        for (SandboxPersonality personality : SandboxPersonality.values()) {
            assertThat(personality.providerName()).isEqualTo(personality.name().toLowerCase());
            assertThat(SandboxPersonality.fromProviderName(personality.name())).isEqualTo(personality);
            assertThat(SandboxPersonality.fromProviderName(" " + personality.providerName() + " "))
                    .isEqualTo(personality);
        }
        assertThat(SandboxPersonality.fromProviderName("Generic")).isEqualTo(SandboxPersonality.GENERIC);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> SandboxPersonality.fromProviderName("okta"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("okta")
                .hasMessageContaining("generic");
    }

    @Test
    void theDefaultIsGeneric() {
        assertThat(SandboxSettings.defaults().personality()).isEqualTo(SandboxPersonality.GENERIC);
        assertThat(new SandboxSettings(1, 0, java.time.Duration.ZERO, "t", 1).personality())
                .isEqualTo(SandboxPersonality.GENERIC);
    }
}
