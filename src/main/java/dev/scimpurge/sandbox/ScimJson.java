package dev.scimpurge.sandbox;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads request bodies and renders the SCIM representations the sandbox answers with. */
final class ScimJson {

    /** RFC 7644's name of a list answer's array of users. */
    static final String RESOURCES = "Resources";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String BULK_REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    static final String BULK_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    static final String SERVICE_PROVIDER_CONFIG_SCHEMA =
            "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

    private final JsonMapper mapper;
    private final String resourcesKey;
    private final URI baseUrl;
    private final SandboxFaults faults;
    private final boolean activeAsText;
    private final boolean atlassianAccountIds;

    /**
     * @param baseUrl             the SCIM base that {@code meta.location} values start with
     * @param faults              whether {@code meta.lastModified} is left out
     * @param activeAsText        answer {@code active} as {@code "True"}/{@code "False"}
     * @param atlassianAccountIds add each user's Atlassian account id in {@value AtlassianIds#EXTERNAL_SCHEMA}
     */
    ScimJson(JsonMapper mapper, URI baseUrl, SandboxFaults faults, boolean activeAsText, boolean atlassianAccountIds,
            String resourcesKey) {
        this.resourcesKey = resourcesKey;
        this.mapper = mapper;
        this.baseUrl = baseUrl;
        this.faults = faults;
        this.activeAsText = activeAsText;
        this.atlassianAccountIds = atlassianAccountIds;
    }

    /** @throws ScimException invalidSyntax when the body is not JSON */
    JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw ScimException.invalidSyntax("The request body is empty; expected a JSON document");
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw ScimException.invalidSyntax("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    byte[] write(JsonNode node) {
        return mapper.writeValueAsBytes(node);
    }

    ObjectNode user(SandboxUser user) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("schemas").add(USER_SCHEMA);
        if (atlassianAccountIds) {
            ((ArrayNode) node.get("schemas")).add(AtlassianIds.EXTERNAL_SCHEMA);
            node.putObject(AtlassianIds.EXTERNAL_SCHEMA).put("atlassianAccountId", AtlassianIds.accountIdOf(user.id()));
        }
        node.put("id", user.id());
        node.put("userName", user.userName());
        if (activeAsText) {
            node.put("active", user.active() ? "True" : "False");
        } else {
            node.put("active", user.active());
        }
        if (user.userType() != null) {
            node.put("userType", user.userType());
        }
        // RFC 7643 §2.5: unassigned attributes are omitted rather than sent as empty arrays.
        if (!user.emails().isEmpty()) {
            ArrayNode emails = node.putArray("emails");
            for (int i = 0; i < user.emails().size(); i++) {
                ObjectNode email = emails.addObject();
                email.put("value", user.emails().get(i));
                email.put("primary", i == 0);
            }
        }
        if (user.externalId() != null) {
            node.put("externalId", user.externalId());
        }
        if (!user.entitlements().isEmpty()) {
            ArrayNode entitlements = node.putArray("entitlements");
            user.entitlements().forEach(entitlement -> entitlements.addObject().put("value", entitlement));
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("location", userLocation(user.id()));
        if (!faults.lastModifiedOmitted()) {
            // RFC 7643 §3.1: xsd:dateTime, here in UTC with millisecond precision.
            if (user.created() != null) {
                meta.put("created", user.created().truncatedTo(ChronoUnit.MILLIS).toString());
            }
            if (user.lastModified() != null) {
                meta.put("lastModified", user.lastModified().truncatedTo(ChronoUnit.MILLIS).toString());
            }
        }
        return node;
    }

    /** @param page {@code null} when the client asked for count=0, so Resources is left out */
    ObjectNode listResponse(int totalResults, int startIndex, @Nullable List<SandboxUser> page) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("schemas").add(LIST_RESPONSE_SCHEMA);
        node.put("totalResults", totalResults);
        node.put("startIndex", startIndex);
        node.put("itemsPerPage", page == null ? 0 : page.size());
        if (page != null) {
            ArrayNode resources = node.putArray(resourcesKey);
            page.forEach(user -> resources.add(user(user)));
        }
        return node;
    }

    /** A cursor page ({@link ListingPaging#CURSOR}): {@code itemsPerPage}, the users and a {@code nextCursor} while more follow. */
    ObjectNode cursorPage(List<SandboxUser> page, @Nullable String nextCursor) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("schemas").add(LIST_RESPONSE_SCHEMA);
        node.put("itemsPerPage", page.size());
        ArrayNode resources = node.putArray(resourcesKey);
        page.forEach(user -> resources.add(user(user)));
        if (nextCursor != null) {
            node.put("nextCursor", nextCursor);
        }
        return node;
    }

    /** {@code {"totalResults": N}} and nothing else: an empty page as some servers answer it. */
    ObjectNode bareTotalResults(int totalResults) {
        return mapper.createObjectNode().put("totalResults", totalResults);
    }

    /** The arguments are what the server claims, which {@link SandboxFaults} may make differ from what it does. */
    ObjectNode serviceProviderConfig(int maxResults, boolean filterSupported, BulkSupport bulk, AuthenticationScheme scheme) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("schemas").add(SERVICE_PROVIDER_CONFIG_SCHEMA);
        node.putObject("patch").put("supported", true);
        node.putObject("bulk").put("supported", bulk.supported()).put("maxOperations", bulk.maxOperations())
                .put("maxPayloadSize", bulk.maxPayloadSize());
        node.putObject("filter").put("supported", filterSupported).put("maxResults", maxResults);
        node.putObject("changePassword").put("supported", false);
        node.putObject("sort").put("supported", false);
        node.putObject("etag").put("supported", false);
        node.putArray("authenticationSchemes").addObject()
                .put("type", scheme.type())
                .put("name", scheme.name())
                .put("description", scheme.description())
                .put("primary", true);
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "ServiceProviderConfig");
        meta.put("location", baseUrl + "/ServiceProviderConfig");
        return node;
    }

    /**
     * One entry of a BulkResponse's {@code Operations}, with the identifiers and the status in {@code form}
     * (RFC 7644's examples: both identifiers, the status as a string).
     *
     * @param bulkId   {@code null} when the request's operation had none
     * @param id       the user the operation addressed, {@code null} when its path named none
     * @param response the error body, {@code null} on success
     */
    ObjectNode bulkOperationResult(String method, @Nullable String bulkId, @Nullable String id, int status, @Nullable JsonNode response,
                                   BulkResultForm form) {
        ObjectNode node = mapper.createObjectNode();
        node.put("method", method);
        if (bulkId != null && form.identifiers().writesBulkId()) {
            node.put("bulkId", bulkId);
        }
        if (id != null && form.identifiers().writesLocation()) {
            node.put("location", userLocation(id));
        }
        form.status().write(node, status);
        if (response != null) {
            node.set("response", response);
        }
        return node;
    }

    ObjectNode bulkResponse(List<ObjectNode> operations) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("schemas").add(BULK_RESPONSE_SCHEMA);
        node.putArray("Operations").addAll(operations);
        return node;
    }

    private String userLocation(String id) {
        return baseUrl + "/Users/" + UrlCodec.encodePathSegment(id);
    }
}
