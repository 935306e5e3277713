package dev.scimpurge.provider;

import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.scimpurge.audit.Reasons;
import dev.scimpurge.scim.ScimClient;

/** The restore strategies a profile can name ({@link ProviderRun#restore()}), each a small {@link AccountRestore}. */
public final class RestoreActions {

    private static final Map<ProviderProfile.RestoreAction, BiFunction<ScimClient, ProviderProfile.Restore, AccountRestore>> ACTIONS =
            Map.of(ProviderProfile.RestoreAction.PATCH, PatchRestore::new,
                    ProviderProfile.RestoreAction.NONE, (client, restore) -> new NoRestore(String.valueOf(restore.why())));

    private RestoreActions() {
    }

    public static AccountRestore create(ScimClient client, ProviderRun run) {
        ProviderProfile.Restore restore = run.restore();
        return java.util.Objects.requireNonNull(ACTIONS.get(restore.action())).apply(client, restore);
    }

    /** A removal that cannot be undone over SCIM: says why, sends nothing. */
    private record NoRestore(String why) implements AccountRestore {

        @Override
        public Result restore(String accountId, @Nullable JsonNode kept) {
            return new NotRestorable(why, Reasons.IRREVERSIBLE);
        }

        @Override
        public NotRestorable refusal(@Nullable JsonNode kept) {
            return new NotRestorable(why, Reasons.IRREVERSIBLE);
        }

        @Override
        public String irreversible() {
            return why;
        }
    }
}
