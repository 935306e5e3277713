package dev.scimpurge.sandbox;

import java.util.List;
import java.util.Random;

/**
 * Slack: SCIM at {@value #V2_BASE} and {@value #V1_BASE} over one directory, {@code U}-prefixed ids, each version with
 * its own spelling of the email filter, each version with its own error body ({@link SlackErrorFormat}), userNames
 * that are handles rather than addresses, and DELETE that deactivates within a rate-limited tier.
 */
final class SlackPersonality implements Personality {

    static final String V2_BASE = "/scim/v2";
    static final String V1_BASE = "/scim/v1";
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int ID_LENGTH = 10;
    private static final int MAX_HANDLE = 21;

    private final DeleteRateLimit deleteRateLimit;

    SlackPersonality(DeleteRateLimit deleteRateLimit) {
        this.deleteRateLimit = deleteRateLimit;
    }

    @Override
    public List<String> scimBasePaths() {
        return List.of(V2_BASE, V1_BASE);
    }

    @Override
    public List<Endpoint> endpoints(SandboxParts parts) {
        UserWrites writes = new RateLimitedDeletes(new DeactivatingUserWrites(parts.directory()),
                new TokenBucket(deleteRateLimit, System::nanoTime));
        ScimBehaviour v2Behaviour = new ScimBehaviour(parts.bearer(), new SlackErrorFormat(parts.mapper(), SlackErrorFormat.Version.V2),
                writes);
        ScimBehaviour v1Behaviour = new ScimBehaviour(parts.bearer(), new SlackErrorFormat(parts.mapper(), SlackErrorFormat.Version.V1),
                writes);
        ScimMount v2 = ScimMount.standard(V2_BASE)
                .withFilterPolicy(FilterPolicy.rejecting("; SCIM v2 filters on 'emails.value'", "email"));
        ScimMount v1 = ScimMount.standard(V1_BASE)
                .withFilterPolicy(FilterPolicy.rejecting("; SCIM v1 filters on 'email'", "emails.value", "emails"));
        return List.of(parts.scimApi(v2, v2Behaviour), parts.scimApi(v1, v1Behaviour));
    }

    /** {@code U} and ten upper-case letters or digits, like Slack's member ids. */
    @Override
    public String newUserId(Random random, int position) {
        StringBuilder id = new StringBuilder("U");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * Slack's SCIM users carry neither a role in userType nor entitlements, and their userName is a Slack handle of at
     * most 21 characters, not an address.
     */
    @Override
    public SandboxUser dress(SandboxUser seeded, int position) {
        String handle = seeded.userName().replaceAll("@.*", "").replaceAll("[^a-z0-9._-]", "");
        return seeded.withUserType(null).withEntitlements(List.of())
                .withUserName(handle.substring(0, Math.min(MAX_HANDLE, handle.length())));
    }
}
