package dev.scimpurge.sandbox;

import java.net.URI;

import tools.jackson.databind.json.JsonMapper;

/**
 * What every personality builds its endpoints from: the server's shared state, and assembly of a SCIM base.
 *
 * @param siteUrl {@code http://127.0.0.1:PORT}, without a trailing slash
 */
record SandboxParts(SandboxSettings settings, SandboxDirectory directory, SandboxFaults faults, RequestLog requests,
                    JsonMapper mapper, URI siteUrl) {

    ScimApi scimApi(ScimMount mount, ScimBehaviour behaviour) {
        ScimJson json = new ScimJson(mapper, URI.create(siteUrl + mount.basePath()), faults, mount.activeAsText(),
                mount.atlassianAccountIds(), mount.resourcesKey());
        return new ScimApi(mount, behaviour, directory, faults, json,
                new UserListing(directory, faults, json, mount.filterPolicy(), mount.maxCount(), mount.paging()), new PatchRequestParser(),
                new UserPatcher(),
                new BulkProcessor(behaviour.bulk(), mount, json, behaviour.errors(), directory, faults, requests));
    }

    BearerAuthenticator bearer() {
        return new BearerAuthenticator(settings.token());
    }

    ScimErrorFormat scimErrors() {
        return new ScimErrorFormat(mapper);
    }
}
