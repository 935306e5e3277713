package dev.scimpurge.sandbox;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A service played from a {@link ServiceProfile}: its SCIM base, a bearer token, RFC 7644 error bodies, its documented
 * filter attributes and page size, and its own answer to DELETE, behind its DELETE rate limit.
 */
final class ProfilePersonality implements Personality {

    private static final String SALESFORCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final ServiceProfile profile;

    ProfilePersonality(ServiceProfile profile) {
        this.profile = profile;
    }

    @Override
    public List<String> scimBasePaths() {
        return List.of(profile.scimBasePath());
    }

    @Override
    public List<Endpoint> endpoints(SandboxParts parts) {
        UserWrites writes = switch (profile.delete()) {
            case REMOVES -> new RemovingUserWrites(parts.directory());
            case DEACTIVATES -> new DeactivatingUserWrites(parts.directory());
            case UNSUPPORTED -> new NoDeleteUserWrites();
        };
        if (!profile.deleteRateLimit().isOff()) {
            writes = new RateLimitedDeletes(writes, new TokenBucket(profile.deleteRateLimit(), System::nanoTime));
        }
        ScimBehaviour behaviour = new ScimBehaviour(parts.bearer(), parts.scimErrors(), writes);
        ScimMount mount = ScimMount.standard(profile.scimBasePath()).withUsersCollections(profile.usersPath())
                .withMaxCount(profile.maxPageSize()).withPaging(profile.paging())
                .withResourcesKey(profile.resourcesKey());
        if (!profile.filterAttributes().isEmpty()) {
            mount = mount.withFilterPolicy(FilterPolicy.onlyOn("; " + profile.name() + " filters on "
                    + String.join(", ", profile.filterAttributes()), profile.filterAttributes().toArray(String[]::new)));
        }
        return List.of(parts.scimApi(mount, behaviour));
    }

    @Override
    public String newUserId(Random random, int position) {
        return switch (profile.ids()) {
            case HEX -> Personality.hexId(random, 12);
            case UUID -> new UUID(random.nextLong(), random.nextLong()).toString();
            case SALESFORCE -> salesforceId(random);
        };
    }

    /** A SaaS directory of this kind holds neither Stack Overflow's userType nor workspace entitlements. */
    @Override
    public SandboxUser dress(SandboxUser seeded, int position) {
        return seeded.withUserType(null).withEntitlements(List.of());
    }

    private static String salesforceId(Random random) {
        StringBuilder id = new StringBuilder("005");
        for (int i = 0; i < 15; i++) {
            id.append(SALESFORCE_ALPHABET.charAt(random.nextInt(SALESFORCE_ALPHABET.length())));
        }
        return id.toString();
    }
}
