package dev.scimpurge.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * The SCIM endpoints under one base path: routing, and the order in which authentication, faults and the
 * personality's rules apply (auth, forced status, rate limit, the personality's own DELETE refusals, per-user
 * failure, normal handling). A Bulk request passes the first three once, and each of its operations the rest, as
 * {@link BulkProcessor} says. Thread-safe.
 */
final class ScimApi implements Endpoint {

    private final ScimMount mount;
    private final ScimBehaviour behaviour;
    private final SandboxDirectory directory;
    private final SandboxFaults faults;
    private final ScimJson json;
    private final UserListing listing;
    private final PatchRequestParser patchParser;
    private final UserPatcher patcher;
    private final BulkProcessor bulk;

    ScimApi(ScimMount mount, ScimBehaviour behaviour, SandboxDirectory directory, SandboxFaults faults, ScimJson json,
            UserListing listing, PatchRequestParser patchParser, UserPatcher patcher, BulkProcessor bulk) {
        this.mount = mount;
        this.behaviour = behaviour;
        this.directory = directory;
        this.faults = faults;
        this.json = json;
        this.listing = listing;
        this.patchParser = patchParser;
        this.patcher = patcher;
        this.bulk = bulk;
    }

    @Override
    public boolean serves(String rawPath) {
        return mount.covers(rawPath);
    }

    @Override
    public ScimResponse errorResponse(ScimException error, ScimRequest request) {
        return behaviour.errors().render(error, request);
    }

    @Override
    public ScimResponse respond(ScimRequest request) {
        behaviour.authenticator().authenticate(request.authorization());
        faults.throwServerWideFault();
        List<String> segments = mount.rawSegmentsAfterBase(request.rawPath());
        if (segments.size() == 1 && mount.isUsersCollection(segments.get(0))) {
            return users(request);
        }
        if (segments.size() == 2 && mount.isUsersCollection(segments.get(0)) && !segments.get(1).isEmpty()) {
            return user(request, UrlCodec.decodePathSegment(segments.get(1)));
        }
        if (segments.equals(List.of("ServiceProviderConfig"))) {
            requireMethod(request, "GET");
            return ScimResponse.json(200, json.write(json.serviceProviderConfig(
                    faults.advertisedMaxResults(UserListing.MAX_COUNT), faults.advertisedFilterSupport(),
                    faults.advertisedBulk(behaviour.bulk()), behaviour.authenticator().scheme())));
        }
        if (segments.equals(List.of("Bulk"))) {
            return bulk(request);
        }
        String base = mount.basePath();
        throw ScimException.notFound("No endpoint at " + request.rawPath() + "; the sandbox serves " + base
                + "/Users, " + base + "/Users/{id} and " + base + "/ServiceProviderConfig");
    }

    private ScimResponse users(ScimRequest request) {
        requireMethod(request, "GET");
        return ScimResponse.json(200, json.write(listing.list(UrlCodec.parseQuery(request.rawQuery()))));
    }

    private ScimResponse user(ScimRequest request, String id) {
        return switch (request.method()) {
            case "GET" -> ScimResponse.json(200, json.write(json.user(faults.staleView(id).or(() -> directory.find(id))
                    .orElseThrow(() -> ScimException.userNotFound(id)))));
            case "DELETE" -> delete(id);
            case "PATCH" -> patch(id, () -> json.read(request.body()));
            default -> throw ScimException.methodNotAllowed(request.method(), "GET, PATCH, DELETE");
        };
    }

    /** RFC 7644 §3.7: a service provider that does not support bulk answers 501. */
    private ScimResponse bulk(ScimRequest request) {
        if (!behaviour.bulk().supported()) {
            throw ScimException.of(501, "This service provider does not support bulk operations");
        }
        requireMethod(request, "POST");
        return bulk.respond(request, this::bulkOperation);
    }

    private ScimResponse bulkOperation(String method, String id, Optional<JsonNode> data) {
        return method.equals("DELETE") ? delete(id)
                : patch(id, () -> data.orElseThrow(() -> ScimException.invalidSyntax("A PATCH operation needs 'data'")));
    }

    private ScimResponse delete(String id) {
        behaviour.writes().admitDelete();
        Optional<SandboxUser> before = directory.find(id);
        faults.throwScriptedFailure(id, before);
        if (faults.removalsIgnored()) {
            before.orElseThrow(() -> ScimException.userNotFound(id));
            return ScimResponse.noContent();
        }
        ScimResponse response = behaviour.writes().delete(id);
        before.ifPresent(user -> faults.changed(id, user));
        return response;
    }

    private ScimResponse patch(String id, Supplier<JsonNode> body) {
        Optional<SandboxUser> before = directory.find(id);
        faults.throwScriptedFailure(id, before);
        if (before.isEmpty()) {
            throw ScimException.userNotFound(id);
        }
        List<PatchOperation> operations = patchParser.operations(body.get());
        if (faults.removalsIgnored()) {
            return ScimResponse.json(200, json.write(json.user(behaviour.writes().patched(before.get(), patcher.apply(before.get(), operations)))));
        }
        faults.changed(id, before.get());
        SandboxUser updated = directory
                .update(id, user -> behaviour.writes().patched(user, patcher.apply(user, operations)))
                .orElseThrow(() -> ScimException.userNotFound(id));
        return ScimResponse.json(200, json.write(json.user(updated)));
    }

    private static void requireMethod(ScimRequest request, String allowed) {
        if (!request.method().equals(allowed)) {
            throw ScimException.methodNotAllowed(request.method(), allowed);
        }
    }
}
