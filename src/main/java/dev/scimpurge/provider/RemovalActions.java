package dev.scimpurge.provider;

import java.util.Map;
import java.util.function.BiFunction;

import dev.scimpurge.scim.ScimClient;

/** The removal actions a profile can name, each a small {@link AccountRemoval}. */
final class RemovalActions {

    private static final Map<String, BiFunction<ScimClient, ProviderRun, AccountRemoval>> ACTIONS = Map.of(
            "delete", (client, run) -> new ScimDeleteRemoval(client),
            "patch", (client, run) -> new PatchRemoval(client, run.removal().operations()),
            "delete-url", (client, run) -> new UrlDeleteRemoval(client, run, run.removal().url()),
            "demote-then-delete", (client, run) -> new DemoteThenDeleteRemoval(client));

    private RemovalActions() {
    }

    static AccountRemoval create(ScimClient client, ProviderRun run) {
        String action = run.removal().action();
        BiFunction<ScimClient, ProviderRun, AccountRemoval> factory = ACTIONS.get(action);
        if (factory == null) {
            throw new IllegalArgumentException("provider " + run.profile().name() + ": unknown removal action '" + action
                    + "'; known: " + String.join(", ", ACTIONS.keySet()));
        }
        return factory.apply(client, run);
    }
}
