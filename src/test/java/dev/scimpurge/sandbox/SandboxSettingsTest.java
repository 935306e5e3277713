package dev.scimpurge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SandboxSettingsTest {

    @Test
    void defaults() {
        SandboxSettings defaults = SandboxSettings.defaults();
        assertThat(defaults.users()).isEqualTo(50);
        assertThat(defaults.deactivatedFraction()).isEqualTo(0.2);
        assertThat(defaults.latency()).isEqualTo(Duration.ZERO);
        assertThat(defaults.token()).isEqualTo("sandbox-token");
        assertThat(defaults.seed()).isEqualTo(42L);
    }

    @Test
    void withersChangeOnlyTheirField() {
        SandboxSettings changed = SandboxSettings.defaults()
                .withUsers(7).withDeactivatedFraction(0.5).withLatency(Duration.ofMillis(3)).withToken("t").withSeed(9);
        assertThat(changed).isEqualTo(new SandboxSettings(7, 0.5, Duration.ofMillis(3), "t", 9));
    }

    @Test
    void rejectsNonsense() {
        SandboxSettings defaults = SandboxSettings.defaults();
        assertThatThrownBy(() -> defaults.withUsers(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withDeactivatedFraction(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withDeactivatedFraction(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withLatency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withToken(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withToken("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anaplanLoginDefaultsAndWithers() {
        assertThat(SandboxSettings.defaults().anaplanLogin())
                .isEqualTo(new AnaplanLogin("admin@example.test", "sandbox-password", Duration.ofMinutes(35)));
        SandboxSettings changed = SandboxSettings.defaults().withAnaplanCredentials("ops@corp.test", "p:w")
                .withTokenLifetime(Duration.ofSeconds(5));
        assertThat(changed.anaplanLogin()).isEqualTo(new AnaplanLogin("ops@corp.test", "p:w", Duration.ofSeconds(5)));
        assertThat(changed.withUsers(3).anaplanLogin()).isEqualTo(changed.anaplanLogin());
        assertThatThrownBy(() -> changed.withAnaplanCredentials("a:b", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> changed.withAnaplanCredentials("a", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> changed.withTokenLifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteRateLimitDefaultsToSlacksTierAndRejectsNonsense() {
        assertThat(SandboxSettings.defaults().deleteRateLimit()).isEqualTo(new DeleteRateLimit(180, 20));
        assertThat(SandboxSettings.defaults().withDeleteRateLimit(0, 0).deleteRateLimit().isOff()).isTrue();
        assertThat(SandboxSettings.defaults().withDeleteRateLimit(6, 2).withSeed(1).deleteRateLimit())
                .isEqualTo(new DeleteRateLimit(6, 2));
        assertThatThrownBy(() -> SandboxSettings.defaults().withDeleteRateLimit(-1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSettings.defaults().withDeleteRateLimit(10, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atlassianIdsMustBeUrlSafe() {
        assertThat(SandboxSettings.defaults().withAtlassianIds("d-1", "o.2").atlassianIds())
                .isEqualTo(new AtlassianIds("d-1", "o.2"));
        for (String bad : new String[] {"", "a/b", "a b", "a%2F", "a?b"}) {
            assertThatThrownBy(() -> SandboxSettings.defaults().withAtlassianIds(bad, "o")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SandboxSettings.defaults().withAtlassianIds("d", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFaultPresetIsNoneByDefaultAndSurvivesTheOtherWithers() {
        FaultPreset preset = faults -> faults.bulkStatusForm(BulkStatusForm.NUMBER);
        assertThat(SandboxSettings.defaults().faults()).isSameAs(FaultPreset.NONE);

        SandboxSettings changed = SandboxSettings.defaults().withFaults(preset).withUsers(3).withBulk(5, 1000);

        assertThat(changed.faults()).isSameAs(preset);
        assertThat(changed.withFaults(FaultPreset.NONE)).isEqualTo(SandboxSettings.defaults().withUsers(3).withBulk(5, 1000));
        assertThat(changed.toString()).contains("faults=preset");
        assertThat(SandboxSettings.defaults().toString()).contains("faults=none");
    }

    @Test
    void toStringNeverShowsTheAnaplanPassword() {
        assertThat(SandboxSettings.defaults().withAnaplanCredentials("ops@corp.test", "hunter2-secret").toString())
                .doesNotContain("hunter2-secret").contains("ops@corp.test");
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(SandboxSettings.defaults().withToken("s3cr3t-value").toString())
                .doesNotContain("s3cr3t-value").contains("redacted");
    }
}
