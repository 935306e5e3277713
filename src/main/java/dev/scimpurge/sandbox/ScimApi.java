package dev.scimpurge.sandbox;

import java.util.Arrays;
import java.util.List;

/**
 * The SCIM endpoints under {@value #BASE_PATH}: routing, authentication and the order in which faults apply
 * (auth, forced status, rate limit, per-user failure, normal handling). Thread-safe.
 */
final class ScimApi {

    static final String BASE_PATH = "/scim/v2";

    private final SandboxDirectory directory;
    private final SandboxFaults faults;
    private final BearerAuthenticator authenticator;
    private final ScimJson json;
    private final UserListing listing;
    private final PatchRequestParser patchParser;
    private final UserPatcher patcher;

    ScimApi(SandboxDirectory directory, SandboxFaults faults, BearerAuthenticator authenticator, ScimJson json,
            UserListing listing, PatchRequestParser patchParser, UserPatcher patcher) {
        this.directory = directory;
        this.faults = faults;
        this.authenticator = authenticator;
        this.json = json;
        this.listing = listing;
        this.patchParser = patchParser;
        this.patcher = patcher;
    }

    /** Never throws: every failure becomes a SCIM error response. */
    ScimResponse respond(ScimRequest request) {
        try {
            return route(request);
        } catch (ScimException e) {
            return error(e);
        } catch (RuntimeException e) {
            return error(ScimException.of(500, "Internal sandbox error: " + e));
        }
    }

    ScimResponse error(ScimException error) {
        return new ScimResponse(error.status(), json.write(json.error(error)), error.headers());
    }

    private ScimResponse route(ScimRequest request) {
        String rawPath = request.rawPath();
        if (!rawPath.equals(BASE_PATH) && !rawPath.startsWith(BASE_PATH + "/")) {
            throw ScimException.notFound("Nothing at " + rawPath + "; the SCIM endpoints are under " + BASE_PATH);
        }
        authenticator.authenticate(request.authorization());
        applyServerWideFaults();
        List<String> segments = rawSegmentsAfterBase(rawPath);
        if (segments.equals(List.of("Users"))) {
            return users(request);
        }
        if (segments.size() == 2 && segments.get(0).equals("Users") && !segments.get(1).isEmpty()) {
            return user(request, UrlCodec.decodePathSegment(segments.get(1)));
        }
        if (segments.equals(List.of("ServiceProviderConfig"))) {
            requireMethod(request, "GET");
            return ScimResponse.json(200, json.write(json.serviceProviderConfig(UserListing.MAX_COUNT)));
        }
        throw ScimException.notFound("No endpoint at " + rawPath + "; the sandbox serves " + BASE_PATH + "/Users, "
                + BASE_PATH + "/Users/{id} and " + BASE_PATH + "/ServiceProviderConfig");
    }

    private void applyServerWideFaults() {
        int forcedStatus = faults.forcedStatus();
        if (forcedStatus != 0) {
            throw ScimException.of(forcedStatus, "Forced status " + forcedStatus + " (sandbox fault)");
        }
        RateLimiter limiter = faults.rateLimiter();
        if (!limiter.tryAcquire()) {
            throw ScimException.tooManyRequests(limiter.retryAfterSeconds());
        }
    }

    /** Splits only on literal '/', so an id containing an encoded "%2F" stays one segment. */
    private static List<String> rawSegmentsAfterBase(String rawPath) {
        String rest = rawPath.substring(BASE_PATH.length());
        return rest.isEmpty() || rest.equals("/") ? List.of() : Arrays.asList(rest.substring(1).split("/", -1));
    }

    private ScimResponse users(ScimRequest request) {
        requireMethod(request, "GET");
        return ScimResponse.json(200, json.write(listing.list(UrlCodec.parseQuery(request.rawQuery()))));
    }

    private ScimResponse user(ScimRequest request, String id) {
        return switch (request.method()) {
            case "GET" -> ScimResponse.json(200, json.write(json.user(directory.find(id)
                    .orElseThrow(() -> userNotFound(id)))));
            case "DELETE" -> delete(id);
            case "PATCH" -> patch(request, id);
            default -> throw ScimException.methodNotAllowed(request.method(), "GET, PATCH, DELETE");
        };
    }

    private ScimResponse delete(String id) {
        failIfScripted(id);
        if (!directory.remove(id)) {
            throw userNotFound(id);
        }
        return ScimResponse.noContent();
    }

    private ScimResponse patch(ScimRequest request, String id) {
        failIfScripted(id);
        if (!directory.contains(id)) {
            throw userNotFound(id);
        }
        List<PatchOperation> operations = patchParser.operations(json.read(request.body()));
        SandboxUser updated = directory.update(id, user -> patcher.apply(user, operations))
                .orElseThrow(() -> userNotFound(id));
        return ScimResponse.json(200, json.write(json.user(updated)));
    }

    private void failIfScripted(String id) {
        faults.failureFor(id, directory.find(id)).ifPresent(failure -> {
            throw ScimException.of(failure.status(), failure.detail());
        });
    }

    private static void requireMethod(ScimRequest request, String allowed) {
        if (!request.method().equals(allowed)) {
            throw ScimException.methodNotAllowed(request.method(), allowed);
        }
    }

    private static ScimException userNotFound(String id) {
        return ScimException.notFound("User " + id + " not found");
    }
}
