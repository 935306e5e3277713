package dev.scimpurge.sandbox;

import java.util.List;
import java.util.Optional;

/** Hands each request to the endpoint that serves its path; paths nobody serves are a SCIM 404. Thread-safe. */
final class SandboxRouter {

    private final List<Endpoint> endpoints;
    private final List<String> scimBasePaths;
    private final ErrorFormat unroutedErrors;

    /** @param scimBasePaths named in the 404 for a path no endpoint serves */
    SandboxRouter(List<Endpoint> endpoints, List<String> scimBasePaths, ErrorFormat unroutedErrors) {
        this.endpoints = List.copyOf(endpoints);
        this.scimBasePaths = List.copyOf(scimBasePaths);
        this.unroutedErrors = unroutedErrors;
    }

    /** Never throws: every failure becomes an error response in the serving endpoint's format. */
    ScimResponse respond(ScimRequest request) {
        Optional<Endpoint> endpoint = endpointFor(request);
        if (endpoint.isEmpty()) {
            return unroutedErrors.render(ScimException.notFound("Nothing at " + request.rawPath()
                    + "; the SCIM endpoints are under " + String.join(", ", scimBasePaths)), request);
        }
        try {
            return endpoint.get().respond(request);
        } catch (ScimException e) {
            return endpoint.get().errorResponse(e, request);
        } catch (RuntimeException e) {
            return endpoint.get().errorResponse(ScimException.of(500, "Internal sandbox error: " + e), request);
        }
    }

    /** Answers {@code error} without handling the request, in the format of the endpoint it was meant for. */
    ScimResponse reject(ScimRequest request, ScimException error) {
        return endpointFor(request).map(endpoint -> endpoint.errorResponse(error, request))
                .orElseGet(() -> unroutedErrors.render(error, request));
    }

    private Optional<Endpoint> endpointFor(ScimRequest request) {
        return endpoints.stream().filter(endpoint -> endpoint.serves(request.rawPath())).findFirst();
    }
}
