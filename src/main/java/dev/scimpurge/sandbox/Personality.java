package dev.scimpurge.sandbox;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** How the sandbox imitates one service: which endpoints it serves, and what its seeded users look like. */
interface Personality {

    /** The SCIM bases it serves, raw; the first is the one {@link SandboxScimServer#baseUrl()} reports. */
    List<String> scimBasePaths();

    List<Endpoint> endpoints(SandboxParts parts);

    /**
     * The id of the seeded user at {@code position}; must draw from {@code random} only, so seeding is
     * reproducible. Duplicates are drawn again.
     */
    default String newUserId(Random random, int position) {
        return hexId(random, 12);
    }

    /** The seeded user at {@code position} as this service would hold it. */
    default SandboxUser dress(SandboxUser seeded, int position) {
        return seeded;
    }

    /** {@code bytes} random bytes as lowercase hex, like the object ids many SaaS directories hand out. */
    static String hexId(Random random, int bytes) {
        byte[] drawn = new byte[bytes];
        random.nextBytes(drawn);
        return HexFormat.of().formatHex(drawn);
    }
}
