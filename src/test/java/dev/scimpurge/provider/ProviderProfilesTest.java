package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.ServiceProfile;

class ProviderProfilesTest {

    @TempDir
    Path dir;

    private final ProviderProfiles shipped = new ProviderProfiles(Path.of("does-not-exist"));

    @Test
    void everyBuiltInProfileLoadsAndResolves() {
        for (String name : ProviderProfiles.BUILT_IN) {
            ProviderProfile profile = shipped.load(name);
            assertThat(profile.name()).isEqualTo(name);
            ProviderRun run = ProviderRun.resolve(profile, "https://example.com", null,
                    Map.of("directoryId", "d1", "orgId", "o1", "enterprise", "e1"), null, null);
            assertThat(run.scimBase().toString()).startsWith("https://example.com");
            assertThat(run.removal().action()).isNotBlank();
        }
    }

    @Test
    void everyServiceProfileNamesItsSourcesAndSaysWhatItCouldNotConfirm() {
        for (String name : ProviderProfiles.BUILT_IN) {
            if (name.equals("generic")) {
                continue;
            }
            ProviderProfile profile = shipped.load(name);
            assertThat(profile.sources()).as(name).isNotEmpty().allSatisfy(source -> {
                assertThat(source.fact()).as(name).isNotBlank();
                assertThat(source.url() != null && source.url().startsWith("https://") || source.unconfirmed() != null)
                        .as(name + ": " + source.fact()).isTrue();
            });
        }
    }

    @Test
    void everyProfileTheSandboxDoesNotPlayItselfCanBeRehearsedFromItsData() {
        List<String> playedByAClass = Arrays.stream(SandboxPersonality.values()).map(SandboxPersonality::providerName).toList();
        for (String name : ProviderProfiles.BUILT_IN) {
            ProviderProfile profile = shipped.load(name);
            if (playedByAClass.contains(name) || name.equals("slack-v1")) {
                assertThat(RehearsalSandbox.of(profile)).as(name + " is played by its own personality").isEmpty();
                continue;
            }
            ServiceProfile service = RehearsalSandbox.of(profile).orElseThrow(() -> new AssertionError(name + " has no sandbox: section"));
            assertThat(service.name()).isEqualTo(name);
            // where the SCIM base is the --url itself (AWS IAM Identity Center), a rehearsal passes the sandbox's base
            String url = RehearsalSandbox.baseIsTheUrl(profile) ? "http://127.0.0.1:9" + service.scimBasePath() : "http://127.0.0.1:9";
            ProviderRun run = ProviderRun.resolve(profile, url, null, RehearsalSandbox.variables(profile), null, null);
            assertThat(run.scimBase().toString()).as(name + ": the sandbox serves the base a rehearsal derives")
                    .isEqualTo("http://127.0.0.1:9" + service.scimBasePath());
            assertThat(service.filterAttributes()).as(name + ": the sandbox accepts every lookup filter the profile sends")
                    .containsAll(profile.lookup().filters());
            if (profile.deactivated().filter() != null) {
                assertThat(service.filterAttributes()).as(name + ": and the deactivated filter")
                        .contains(profile.deactivated().filter().split(" ")[0]);
            }
        }
    }

    @Test
    void stackOverflowPicksThePathByHostAsTheReferenceDoes() {
        ProviderProfile so = shipped.load("stackoverflow");
        assertThat(ProviderRun.resolve(so, "https://acme.stackenterprise.co", null, Map.of(), null, null).scimBase().toString())
                .isEqualTo("https://acme.stackenterprise.co/api/scim/v2");
        assertThat(ProviderRun.resolve(so, "https://acme.stackoverflowteams.com/", null, Map.of(), null, null).scimBase().toString())
                .isEqualTo("https://acme.stackoverflowteams.com/auth/scim/v2");
        assertThat(ProviderRun.resolve(so, "https://stackoverflowteams.com/c/acme", null, Map.of(), null, null).scimBase().toString())
                .as("Business sites as the help centre writes them").isEqualTo("https://stackoverflowteams.com/c/acme/auth/scim/v2");
        assertThat(ProviderRun.resolve(so, "https://notstackoverflowteams.com/c/acme", null, Map.of(), null, null).scimBase().toString())
                .isEqualTo("https://notstackoverflowteams.com/c/acme/api/scim/v2");
        assertThatThrownBy(() -> ProviderRun.resolve(so, "https://stackoverflowteams.com/c/acme/auth/scim/v2", null, Map.of(), null, null))
                .hasMessageContaining("--url https://stackoverflowteams.com/c/acme");
        assertThatThrownBy(() -> ProviderRun.resolve(so, "https://acme.stackenterprise.co/api/scim/v2/", null, Map.of(), null, null))
                .hasMessageContaining("already ends with /api/scim/v2");
        assertThat(ProviderRun.resolve(so, "https://qa.example.com", "https://qa.example.com/auth/scim/v2", Map.of(), null, null)
                .scimBase().toString()).isEqualTo("https://qa.example.com/auth/scim/v2");
        assertThat(so.usersPath()).isEqualTo("users");
    }

    @Test
    void servicesWithOnePublicApiHaveADefaultUrlThatTestsCanOverride() {
        assertThat(ProviderRun.resolve(shipped.load("slack"), null, null, Map.of(), null, null).scimBase().toString())
                .isEqualTo("https://api.slack.com/scim/v2");
        assertThat(ProviderRun.resolve(shipped.load("slack-v1"), "http://127.0.0.1:9", null, Map.of(), null, null).scimBase().toString())
                .isEqualTo("http://127.0.0.1:9/scim/v1");
        ProviderRun anaplan = ProviderRun.resolve(shipped.load("anaplan"), null, null, Map.of(), "disable", null);
        assertThat(anaplan.scimBase().toString()).isEqualTo("https://api.anaplan.com/scim/1/0/v2");
        assertThat(anaplan.authUrl()).isEqualTo("https://auth.anaplan.com");
        assertThat(anaplan.removalVerb()).isEqualTo("disabled");
    }

    @Test
    void atlassianNeedsItsIdsAndEncodesThem() {
        ProviderProfile atlassian = shipped.load("atlassian");
        assertThatThrownBy(() -> ProviderRun.resolve(atlassian, null, null, Map.of(), null, null))
                .hasMessageContaining("--directory-id");
        assertThatThrownBy(() -> ProviderRun.resolve(atlassian, null, null, Map.of(), "only-delete-in-db", null))
                .hasMessageContaining("--org-id");
        ProviderRun db = ProviderRun.resolve(atlassian, null, null, Map.of("orgId", "org/1"), "only-delete-in-db", null);
        assertThat(db.removal().takesIds()).isTrue();
        assertThat(db.expand(db.removal().url(), "712020:ab/../c"))
                .isEqualTo("https://api.atlassian.com/admin/user-provisioning/v1/org/org%2F1/user/712020%3Aab%2F..%2Fc/onlyDeleteUserInDB");
    }

    @Test
    void settingsSurviveTheJobRepositoryRoundTrip() {
        ProviderProfile atlassian = shipped.load("atlassian");
        ProviderRun run = ProviderRun.resolve(atlassian, "http://localhost:8080", null, Map.of("directoryId", "dir-9"), null, null);
        assertThat(ProviderRun.restore(atlassian, run.settings())).isEqualTo(run);
    }

    @Test
    void anUnknownRemovalOrProviderIsAClearError() {
        assertThatThrownBy(() -> ProviderRun.resolve(shipped.load("anaplan"), null, null, Map.of(), "delete", null))
                .hasMessageContaining("has no removal 'delete'").hasMessageContaining("both");
        assertThatThrownBy(() -> shipped.load("nosuch")).hasMessageContaining("unknown provider 'nosuch'");
        assertThatThrownBy(() -> shipped.load("../etc/passwd")).hasMessageContaining("not a provider name");
        assertThatThrownBy(() -> ProviderRun.resolve(shipped.load("generic"), null, null, Map.of(), null, null))
                .hasMessageContaining("--url is required");
    }

    @Test
    void aLocalProfileNeedsNoCodeAndTyposAreRejected() throws Exception {
        Files.writeString(dir.resolve("acme.yml"), """
                name: acme
                description: ACME identity
                url:
                  default-url: https://scim.acme.example
                  scim-base: "{url}/v2"
                removal:
                  verb: deleted
                  default-variant: delete
                  variants:
                    delete: {action: delete}
                """);
        ProviderProfile acme = new ProviderProfiles(dir).load("acme");
        assertThat(ProviderRun.resolve(acme, null, null, Map.of(), null, null).scimBase().toString())
                .isEqualTo("https://scim.acme.example/v2");
        assertThat(acme.lookup().filters()).containsExactly("emails.value", "userName");

        Files.writeString(dir.resolve("typo.yml"), """
                name: typo
                url: {scim-base: "{url}"}
                lookup: {filter: [userName]}
                removal: {verb: deleted, default-variant: delete, variants: {delete: {action: delete}}}
                """);
        assertThatThrownBy(() -> new ProviderProfiles(dir).load("typo"))
                .hasMessageContaining("not valid").hasMessageContaining("filter");
        Files.writeString(dir.resolve("broken.yml"), "name: broken\nurl: {scim-base: \"{url}\"}\n");
        assertThatThrownBy(() -> new ProviderProfiles(dir).load("broken"))
                .hasMessageContaining("removal needs variants");
    }
}
