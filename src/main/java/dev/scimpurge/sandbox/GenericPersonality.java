package dev.scimpurge.sandbox;

import java.util.List;

/** Any SCIM 2.0 server as RFC 7644 describes it, under {@value #SCIM_BASE}; with Bulk when the settings say so. */
final class GenericPersonality implements Personality {

    static final String SCIM_BASE = "/scim/v2";

    private final BulkSupport bulk;

    GenericPersonality(BulkSupport bulk) {
        this.bulk = bulk;
    }

    @Override
    public List<String> scimBasePaths() {
        return List.of(SCIM_BASE);
    }

    @Override
    public List<Endpoint> endpoints(SandboxParts parts) {
        ScimBehaviour behaviour = new ScimBehaviour(parts.bearer(), parts.scimErrors(),
                new RemovingUserWrites(parts.directory()), bulk);
        return List.of(parts.scimApi(ScimMount.standard(SCIM_BASE), behaviour));
    }
}
