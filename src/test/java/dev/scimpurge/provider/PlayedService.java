package dev.scimpurge.provider;

import java.util.ArrayList;
import java.util.List;

import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * A sandbox playing the service of a shipped profile from its {@code sandbox:} section, and purges against it with that
 * profile, its token in {@code SCIM_TOKEN}.
 */
final class PlayedService implements AutoCloseable {

    private final String provider;
    private final String token;
    private final SandboxScimServer server;
    private final boolean baseIsTheUrl;

    private PlayedService(String provider, String token, SandboxScimServer server, boolean baseIsTheUrl) {
        this.provider = provider;
        this.token = token;
        this.server = server;
        this.baseIsTheUrl = baseIsTheUrl;
    }

    static PlayedService start(String provider, String token, SandboxSettings settings) {
        ProviderProfile profile = ProviderProfiles.standard().load(provider);
        return new PlayedService(provider, token,
                SandboxScimServer.start(settings.withToken(token).withProfile(RehearsalSandbox.of(profile).orElseThrow()), 0),
                RehearsalSandbox.baseIsTheUrl(profile));
    }

    SandboxScimServer server() {
        return server;
    }

    /** The workspace with this service's token. */
    Workspace workspace(Workspace workspace) {
        return workspace.env("SCIM_TOKEN", token);
    }

    /** {@code purge --provider NAME --url SITE} (the SCIM base, where the profile's base is the --url) and {@code more}. */
    CliResult purge(Workspace workspace, String... more) {
        String url = (baseIsTheUrl ? server.baseUrl() : server.siteUrl()).toString();
        List<String> args = new ArrayList<>(List.of("--provider", provider, "--url", url));
        args.addAll(List.of(more));
        return workspace(workspace).purge(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        server.close();
    }
}
