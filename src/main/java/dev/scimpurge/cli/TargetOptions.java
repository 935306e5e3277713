package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.scimpurge.provider.AuthenticationSchemes;
import dev.scimpurge.provider.Credentials;
import dev.scimpurge.provider.ProviderProfile;
import dev.scimpurge.provider.ProviderProfiles;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.provider.RehearsalSandbox;
import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;

/**
 * The service a command talks to, declared once for {@code purge} and {@code probe}: {@code --url}, the provider and
 * its options, and {@code --sandbox}, an in-process sandbox that plays the provider's part. Resolves them into the
 * {@link ProviderRun} and the credentials the command works with; a problem is a {@link UsageException}.
 */
@Command
public class TargetOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--url", paramLabel = "URL",
            description = "For the generic provider: the SCIM base URL, the part before /Users (e.g. https://SITE/api/scim/v2); "
                    + "for aws-identity-center the console's SCIM endpoint (https://scim.REGION.amazonaws.com/TENANT/scim/v2). "
                    + "For the others: the site or API root the provider's SCIM path is derived from (see --provider). "
                    + "https:// is required except for loopback hosts.")
    @Nullable String url;

    @ArgGroup(exclusive = false, heading = "%nProvider:%n")
    ProviderOptions provider = new ProviderOptions();

    static class ProviderOptions {
        @Option(names = "--provider", paramLabel = "NAME", defaultValue = "generic",
                description = "The service's profile: generic, stackoverflow, anaplan, slack, slack-v1, atlassian, github-emu, salesforce, canva, miro, "
                        + "aws-identity-center, zoom, asana, "
                        + "or a config/providers/NAME.yml of your own (default: ${DEFAULT-VALUE}).")
        String name = "generic";

        @Option(names = "--scim-base", paramLabel = "URL",
                description = "The SCIM base, overriding the provider's derivation from --url (e.g. a Stack Overflow Business site on its own domain).")
        @Nullable String scimBase;

        @Option(names = "--auth-url", paramLabel = "URL", description = "The authentication API, overriding the provider's (anaplan).")
        @Nullable String authUrl;

        @Option(names = "--directory-id", paramLabel = "ID", description = "The Atlassian SCIM directory id (atlassian).")
        @Nullable String directoryId;

        @Option(names = "--org-id", paramLabel = "ID", description = "The Atlassian organisation id (atlassian --only-delete-in-db).")
        @Nullable String orgId;

        @Option(names = "--enterprise", paramLabel = "SLUG", description = "The GitHub enterprise's slug (github-emu).")
        @Nullable String enterprise;

        @Option(names = "--removal", paramLabel = "NAME", description = "One of the provider's removal variants (default: the provider's own).")
        @Nullable String removal;

        @Option(names = "--anaplan-action", paramLabel = "ACTION",
                description = "anaplan: disable, remove-workspaces or both (default both). Anaplan is never sent a DELETE.")
        @Nullable String anaplanAction;

        @Option(names = "--only-delete-in-db",
                description = "atlassian: remove only the user's record in Atlassian's provisioning database "
                        + "(onlyDeleteUserInDB; needs --org-id, a CSV of Atlassian account ids and the organisation API key "
                        + "in ATLASSIAN_ORG_API_KEY). It applies to every directory of the organisation, works for managed "
                        + "accounts only, and does not deactivate anyone.")
        boolean onlyDeleteInDb;
    }

    @Option(names = "--sandbox",
            description = "Rehearse: run against an in-process sandbox SCIM server instead of --url (no token needed), "
                    + "seeded with the --sandbox-* options.")
    boolean sandbox;

    /** What a command does on its target. */
    @FunctionalInterface
    interface OnTarget {
        /** @param sandbox whether the target is an in-process sandbox, where nothing real can be changed */
        int run(ProviderRun provider, Credentials credentials, boolean sandbox);
    }

    /**
     * Runs {@code work} on the target: the service at {@code --url} with the credentials the options give, or for
     * {@code --sandbox} a sandbox started in this process for the time of {@code work}, seeded by {@code seed}, and
     * announced on {@code announce}.
     */
    int run(CommandEnvironment environment, CredentialOptions credentials, SandboxSeedOptions seed, PrintWriter announce, OnTarget work) {
        ProviderProfile profile = loadProfile();
        if (sandbox) {
            if (url != null) {
                throw new UsageException("--sandbox and --url exclude each other");
            }
            return rehearse(profile, seed, announce, work);
        }
        if (!seed.given().isEmpty()) {
            throw new UsageException(String.join(", ", seed.given()) + " needs --sandbox (the --sandbox-* options seed the sandbox of a "
                    + (mixee.name().equals("purge") ? "rehearsal" : mixee.name()) + ")");
        }
        ProviderRun providerRun = resolve(profile, url);
        return work.run(providerRun, credentials.resolve(providerRun, environment), false);
    }

    /** The provider personalities of the sandbox, by profile name. */
    private static final Map<String, SandboxPersonality> PERSONALITIES = Map.of(
            "generic", SandboxPersonality.GENERIC, "stackoverflow", SandboxPersonality.STACKOVERFLOW,
            "anaplan", SandboxPersonality.ANAPLAN, "slack", SandboxPersonality.SLACK, "slack-v1", SandboxPersonality.SLACK,
            "atlassian", SandboxPersonality.ATLASSIAN);

    /** --sandbox: the same work against an in-process sandbox that plays the provider's part. */
    private int rehearse(ProviderProfile profile, SandboxSeedOptions seed, PrintWriter announce, OnTarget work) {
        SandboxPersonality personality = PERSONALITIES.get(profile.name());
        SandboxSettings settings = personality != null ? seed.settings(personality) : seed.settings(ProfileSandbox.service(profile));
        try (SandboxScimServer server = SandboxScimServer.start(settings, 0)) {
            announce.println("Sandbox SCIM server (" + server.providerName() + ") with "
                    + server.directory().size() + " users at " + server.baseUrl());
            if (provider.enterprise == null) {
                provider.enterprise = ProfileSandbox.variables(profile).get("enterprise");
            }
            if (provider.directoryId == null) {
                provider.directoryId = settings.atlassianIds().directoryId();
            }
            if (provider.orgId == null) {
                provider.orgId = settings.atlassianIds().orgId();
            }
            if (profile.authUrl() != null && provider.authUrl == null) {
                provider.authUrl = server.siteUrl().toString();
            }
            String site = personality == SandboxPersonality.GENERIC || personality == null && RehearsalSandbox.baseIsTheUrl(profile)
                    ? server.baseUrl().toString() : server.siteUrl().toString();
            ProviderRun providerRun = resolve(profile, site);
            Credentials credentials = AuthenticationSchemes.needsUserAndPassword(profile)
                    ? new Credentials.UserPassword(settings.anaplanLogin().user(), settings.anaplanLogin().password())
                    : new Credentials.Token(settings.tokenFor(providerRun.removal().tokenVariable()));
            return work.run(providerRun, credentials, true);
        }
    }

    private ProviderProfile loadProfile() {
        try {
            return ProviderProfiles.standard().load(provider.name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--provider: " + e.getMessage());
        }
    }

    private ProviderRun resolve(ProviderProfile profile, @Nullable String siteUrl) {
        Map<String, String> variables = new TreeMap<>();
        if (provider.directoryId != null) {
            variables.put("directoryId", provider.directoryId);
        }
        if (provider.orgId != null) {
            variables.put("orgId", provider.orgId);
        }
        if (provider.enterprise != null) {
            variables.put("enterprise", provider.enterprise);
        }
        try {
            return ProviderRun.resolve(profile, siteUrl, provider.scimBase, variables, removalVariant(), provider.authUrl);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private @Nullable String removalVariant() {
        List<String> chosen = new ArrayList<>();
        if (provider.removal != null) {
            chosen.add(provider.removal);
        }
        if (provider.anaplanAction != null) {
            chosen.add(provider.anaplanAction);
        }
        if (provider.onlyDeleteInDb) {
            chosen.add("only-delete-in-db");
        }
        if (chosen.size() > 1) {
            throw new UsageException("choose the removal once: --removal, --anaplan-action and --only-delete-in-db exclude each other");
        }
        return chosen.isEmpty() ? null : chosen.get(0);
    }
}
