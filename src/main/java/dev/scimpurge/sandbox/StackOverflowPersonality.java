package dev.scimpurge.sandbox;

import java.util.List;
import java.util.Random;

/**
 * Stack Overflow for Teams: SCIM at {@value #ENTERPRISE_BASE} (Enterprise) and {@value #BUSINESS_BASE} (Business)
 * over one directory, lower-case {@code users} (the capitalised spelling works too), numeric account ids, roles in
 * {@code userType}, and {@code {"ErrorMessage": ...}} error bodies on DELETE and PATCH.
 */
final class StackOverflowPersonality implements Personality {

    static final String ENTERPRISE_BASE = "/api/scim/v2";
    static final String BUSINESS_BASE = "/auth/scim/v2";
    private static final int MODERATOR_EVERY = 10;
    private static final int ADMIN_EVERY = 25;

    @Override
    public List<String> scimBasePaths() {
        return List.of(ENTERPRISE_BASE, BUSINESS_BASE);
    }

    @Override
    public List<Endpoint> endpoints(SandboxParts parts) {
        ScimBehaviour behaviour = new ScimBehaviour(parts.bearer(),
                new StackOverflowErrorFormat(parts.scimErrors(), parts.mapper()),
                new StackOverflowUserWrites(parts.directory(), parts.faults()));
        return scimBasePaths().stream()
                .<Endpoint>map(base -> parts.scimApi(ScimMount.standard(base).withUsersCollections("users", "Users"),
                        behaviour))
                .toList();
    }

    /** Account ids are numbers, and not the user ids shown on the site. */
    @Override
    public String newUserId(Random random, int position) {
        return Integer.toString(1_000_000 + random.nextInt(9_000_000));
    }

    /**
     * Every 25th user is an Admin, every other 10th a Moderator; Teams has no entitlements. A Registered user has no
     * {@code userType} at all, as the reference script says ("If user is not a moderator/admin, the 'userType' key will
     * not exist").
     */
    @Override
    public SandboxUser dress(SandboxUser seeded, int position) {
        int number = position + 1;
        String role = number % ADMIN_EVERY == 0 ? StackOverflowUserWrites.ADMIN
                : number % MODERATOR_EVERY == 0 ? StackOverflowUserWrites.MODERATOR
                : null;
        return seeded.withUserType(role).withEntitlements(List.of());
    }
}
