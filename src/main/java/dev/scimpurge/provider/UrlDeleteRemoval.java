package dev.scimpurge.provider;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.scim.ScimClient;

/** DELETE on a provider's own URL (Atlassian's onlyDeleteUserInDB), the id encoded into the template. */
final class UrlDeleteRemoval implements AccountRemoval {

    private final ScimClient client;
    private final ProviderRun run;
    private final String template;

    UrlDeleteRemoval(ScimClient client, ProviderRun run, @Nullable String template) {
        if (template == null) {
            throw new IllegalArgumentException("a delete-url removal needs a url");
        }
        this.client = client;
        this.run = run;
        this.template = template;
    }

    @Override
    public int remove(String accountId) {
        return client.delete(URI.create(run.expand(template, accountId)));
    }
}
