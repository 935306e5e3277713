package dev.scimpurge.sandbox;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Atlassian's admin API, as far as the sandbox needs it:
 * {@code DELETE /admin/user-provisioning/v1/org/{orgId}/user/{aaId}/onlyDeleteUserInDB} removes the user whose
 * Atlassian account id ({@link AtlassianIds#accountIdOf}, not the SCIM id) is {@code aaId} from the provisioning
 * database (here: the directory); a SCIM id there is no user. Errors are
 * {@code {"errors": [{"status": "404", "detail": "..."}]}}. Authentication and the faults apply as on SCIM.
 */
final class AtlassianAdminEndpoint implements Endpoint {

    static final String ROOT = "/admin/";
    private static final List<String> SHAPE =
            List.of("", "admin", "user-provisioning", "v1", "org", "{orgId}", "user", "{aaId}", "onlyDeleteUserInDB");
    private static final int ORG = SHAPE.indexOf("{orgId}");
    private static final int AA_ID = SHAPE.indexOf("{aaId}");

    private final String orgId;
    private final Authenticator authenticator;
    private final SandboxDirectory directory;
    private final SandboxFaults faults;
    private final JsonMapper mapper;

    AtlassianAdminEndpoint(String orgId, Authenticator authenticator, SandboxDirectory directory,
                           SandboxFaults faults, JsonMapper mapper) {
        this.orgId = orgId;
        this.authenticator = authenticator;
        this.directory = directory;
        this.faults = faults;
        this.mapper = mapper;
    }

    @Override
    public boolean serves(String rawPath) {
        return rawPath.startsWith(ROOT);
    }

    @Override
    public ScimResponse respond(ScimRequest request) {
        authenticator.authenticate(request.authorization());
        faults.throwServerWideFault();
        List<String> segments = List.of(request.rawPath().split("/", -1));
        if (!hasShape(segments)) {
            throw ScimException.notFound("No admin API at " + request.rawPath() + "; the sandbox serves DELETE "
                    + String.join("/", SHAPE));
        }
        if (!request.method().equals("DELETE")) {
            throw ScimException.methodNotAllowed(request.method(), "DELETE");
        }
        String org = UrlCodec.decodePathSegment(segments.get(ORG));
        if (!org.equals(orgId)) {
            throw ScimException.notFound("Organization " + org + " not found");
        }
        String aaId = UrlCodec.decodePathSegment(segments.get(AA_ID));
        java.util.Optional<SandboxUser> user = directory.all().stream()
                .filter(candidate -> AtlassianIds.accountIdOf(candidate.id()).equals(aaId)).findFirst();
        faults.throwScriptedFailure(aaId, user);
        if (user.isEmpty() || !directory.remove(user.get().id())) {
            throw ScimException.notFound("No SCIM record for user " + aaId + " in organization " + org);
        }
        return ScimResponse.noContent();
    }

    @Override
    public ScimResponse errorResponse(ScimException error, ScimRequest request) {
        ObjectNode body = mapper.createObjectNode();
        body.putArray("errors").addObject()
                .put("status", Integer.toString(error.status()))
                .put("detail", error.detail());
        return ScimResponse.plainJson(error.status(), mapper.writeValueAsBytes(body), error.headers());
    }

    private static boolean hasShape(List<String> segments) {
        if (segments.size() != SHAPE.size()) {
            return false;
        }
        for (int i = 0; i < SHAPE.size(); i++) {
            boolean placeholder = i == ORG || i == AA_ID;
            if (placeholder ? segments.get(i).isEmpty() : !segments.get(i).equals(SHAPE.get(i))) {
                return false;
            }
        }
        return true;
    }
}
