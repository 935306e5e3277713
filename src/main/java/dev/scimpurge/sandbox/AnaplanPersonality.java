package dev.scimpurge.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Anaplan: SCIM at {@value #SCIM_BASE} with {@code AnaplanAuthToken} tokens from a separate auth service (served on
 * the same site here), 32-hex user ids, workspace ids as entitlements, and no deletion: removing a user means a
 * PATCH that drops entitlements or sets {@code active} to false. {@code active} is answered as {@code "True"}/{@code "False"}
 * and only the documented filter attributes are accepted, as Anaplan's help pages show.
 */
final class AnaplanPersonality implements Personality {

    static final String SCIM_BASE = "/scim/1/0/v2";
    static final List<String> WORKSPACES = List.of(
            "8a868cd985f53e7701860542f59e276e", "8a868cda860a533a0186c1d2b5a01b63", "8a868cdd8d3c31a9018d4a2b71c40e12");

    /** The filter attributes Anaplan documents as supported; a filter on any other answers 404 {@code sensitive}. */
    static final List<String> DOCUMENTED_FILTERS = List.of("id", "externalId", "userName", "name.familyName", "name.givenName",
            "active");

    /** "Note that the limit is 100 users per call." */
    static final int MAX_USERS_PER_CALL = 100;

    private final AnaplanLogin login;

    AnaplanPersonality(AnaplanLogin login) {
        this.login = login;
    }

    @Override
    public List<String> scimBasePaths() {
        return List.of(SCIM_BASE);
    }

    @Override
    public List<Endpoint> endpoints(SandboxParts parts) {
        AnaplanTokens tokens = new AnaplanTokens(login.tokenLifetime(), Clock.systemUTC(), new SecureRandom(),
                parts.faults());
        ScimBehaviour behaviour = new ScimBehaviour(new AnaplanTokenAuthenticator(tokens), parts.scimErrors(),
                new NoDeleteUserWrites());
        return List.of(new AnaplanAuthEndpoint(login, tokens, parts.mapper()),
                parts.scimApi(ScimMount.standard(SCIM_BASE).withActiveAsText().withMaxCount(MAX_USERS_PER_CALL).withFilterPolicy(
                        FilterPolicy.onlyOnElse404Sensitive(DOCUMENTED_FILTERS.toArray(String[]::new))), behaviour));
    }

    @Override
    public String newUserId(Random random, int position) {
        return Personality.hexId(random, 16);
    }

    /** One workspace each, every other user a second one; Anaplan has no userType. */
    @Override
    public SandboxUser dress(SandboxUser seeded, int position) {
        List<String> workspaces = new ArrayList<>();
        workspaces.add(WORKSPACES.get(position % WORKSPACES.size()));
        if (position % 2 == 1) {
            workspaces.add(WORKSPACES.get((position + 1) % WORKSPACES.size()));
        }
        return seeded.withUserType(null).withEntitlements(workspaces);
    }
}
