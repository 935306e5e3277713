package dev.scimpurge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Atlassian: a SCIM directory at {@code /scim/directory/{directoryId}} that filters only on {@code userName} and
 * {@code externalId}, users with a UUID as SCIM id, their Atlassian account id apart in
 * {@code urn:scim:schemas:extension:atlassian-external:1.0}, an externalId, and the admin API's
 * {@code onlyDeleteUserInDB} on the same site. The directory takes the directory API key (the sandbox's token), the
 * admin API only the organisation API key: each refuses the other's with 401.
 */
final class AtlassianPersonality implements Personality {

    private final AtlassianIds ids;

    AtlassianPersonality(AtlassianIds ids) {
        this.ids = ids;
    }

    @Override
    public List<String> scimBasePaths() {
        return List.of("/scim/directory/" + ids.directoryId());
    }

    @Override
    public List<Endpoint> endpoints(SandboxParts parts) {
        ScimMount directory = ScimMount.standard(scimBasePaths().get(0)).withAtlassianAccountIds().withFilterPolicy(FilterPolicy.onlyOn(
                "; the Atlassian directory filters only on 'userName' and 'externalId'", "userName", "externalId"));
        ScimBehaviour behaviour = new ScimBehaviour(parts.bearer(), parts.scimErrors(),
                new RemovingUserWrites(parts.directory()));
        return List.of(parts.scimApi(directory, behaviour),
                new AtlassianAdminEndpoint(ids.orgId(), new BearerAuthenticator(ids.orgApiKey()), parts.directory(), parts.faults(),
                        parts.mapper()));
    }

    /**
     * The directory's own id, a UUID; the Atlassian account id is another value ({@link AtlassianIds#accountIdOf}),
     * answered in {@value AtlassianIds#EXTERNAL_SCHEMA}.
     */
    @Override
    public String newUserId(Random random, int position) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The identity provider's id as externalId; no userType, no entitlements. */
    @Override
    public SandboxUser dress(SandboxUser seeded, int position) {
        String externalId = UUID.nameUUIDFromBytes(seeded.userName().getBytes(StandardCharsets.UTF_8)).toString();
        return seeded.withUserType(null).withEntitlements(List.of()).withExternalId(externalId);
    }
}
