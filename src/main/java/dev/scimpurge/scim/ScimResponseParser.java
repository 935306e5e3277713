package dev.scimpurge.scim;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads SCIM JSON defensively: a missing or mistyped field is either tolerated (optional
 * attributes) or reported as a {@link ScimProtocolException} that says what was wrong; it never
 * turns into a guessed value.
 */
public final class ScimResponseParser {

    private static final int EXCERPT_LENGTH = 200;
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final JsonMapper mapper;
    private final boolean activeAsText;
    private final @Nullable String accountIdAttribute;

    public ScimResponseParser(JsonMapper mapper) {
        this(mapper, false);
    }

    /** @param activeAsText read {@code active} given as the text "True"/"False" (a provider that sends it so, Anaplan) */
    public ScimResponseParser(JsonMapper mapper, boolean activeAsText) {
        this(mapper, activeAsText, null);
    }

    /**
     * @param accountIdAttribute the attribute that holds the service's own account id, as {@code SCHEMA_URN:name} (e.g.
     *                           {@code urn:scim:schemas:extension:atlassian-external:1.0:atlassianAccountId}), or null
     */
    public ScimResponseParser(JsonMapper mapper, boolean activeAsText, @Nullable String accountIdAttribute) {
        this.mapper = mapper;
        this.activeAsText = activeAsText;
        this.accountIdAttribute = accountIdAttribute;
    }

    public ScimListPage listPage(String body) {
        return listPage(body, ListPosition.FIRST);
    }

    /**
     * @param asked where the request asked the page to start: a page past the end ({@code startIndex > totalResults})
     *              may come without {@code Resources}, as some servers answer it
     */
    public ScimListPage listPage(String body, ListPosition asked) {
        int askedStartIndex = asked.startIndex();
        JsonNode root = object(body, "a ListResponse");
        JsonNode resources = resourcesOf(root);
        List<ScimUser> users = new ArrayList<>();
        if (resources != null && !resources.isNull()) {
            if (!resources.isArray()) {
                throw new ScimProtocolException("ListResponse 'Resources' is not an array");
            }
            for (JsonNode resource : resources) {
                users.add(user(resource));
            }
        }
        int total = integer(root, "totalResults", users.size());
        int startIndex = integer(root, "startIndex", 1);
        if (total < 0 || startIndex < 0) {
            throw new ScimProtocolException("ListResponse 'totalResults' or 'startIndex' is negative");
        }
        // RFC 7644 §3.4.2: Resources is required when totalResults is not 0. Reading its absence as
        // "no users" would turn an error document into "not found"; past the end there is nobody to find.
        if ((resources == null || resources.isNull()) && total > 0 && askedStartIndex <= total) {
            throw new ScimProtocolException("ListResponse has totalResults " + total + " but no 'Resources': " + excerpt(body));
        }
        JsonNode nextCursor = root.get("nextCursor");
        if (nextCursor != null && !nextCursor.isNull() && !nextCursor.isString()) {
            throw new ScimProtocolException("ListResponse 'nextCursor' is not a string");
        }
        return new ScimListPage(total, startIndex, users, asked,
                nextCursor == null || nextCursor.isNull() ? null : nextCursor.asString(), root.hasNonNull("totalResults"),
                resources != null && !resources.isNull());
    }

    /**
     * The list's {@code Resources}, whatever the case of its name: RFC 7643 §2.1 makes attribute names case-insensitive,
     * and Canva's reference spells it {@code resources}.
     */
    private static @Nullable JsonNode resourcesOf(JsonNode root) {
        JsonNode exact = root.get("Resources");
        if (exact != null) {
            return exact;
        }
        for (String name : root.propertyNames()) {
            if (name.equalsIgnoreCase("Resources")) {
                return root.get(name);
            }
        }
        return null;
    }

    public ScimUser user(String body) {
        return user(object(body, "a User resource"));
    }

    ScimUser user(JsonNode node) {
        if (!node.isObject()) {
            throw new ScimProtocolException("a User resource is not a JSON object");
        }
        String id = id(node.get("id"));
        Boolean active = active(node.get("active"));
        return new ScimUser(id, text(node, "userName"), emails(node.get("emails")), active, text(node, "userType"),
                lastModified(node.get("meta")), accountId(node), node);
    }

    /** The value of the profile's account-id attribute, {@code SCHEMA_URN:name} within the schema's object; null when absent. */
    private @Nullable String accountId(JsonNode node) {
        String attribute = accountIdAttribute;
        if (attribute == null) {
            return null;
        }
        int colon = attribute.lastIndexOf(':');
        JsonNode extension = node.get(attribute.substring(0, colon));
        return extension == null || !extension.isObject() ? null : text(extension, attribute.substring(colon + 1));
    }

    /**
     * {@code meta.lastModified} (RFC 7643 §3.1: an xsd:dateTime). One without an offset, or not a time at all, is read as
     * absent: a guessed time zone could make a user look deactivated longer than it is.
     */
    private static @Nullable Instant lastModified(@Nullable JsonNode meta) {
        String value = meta == null || !meta.isObject() ? null : text(meta, "lastModified");
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * {@code active} as a JSON boolean, or, where the provider sends it so ({@code activeAsText}), as the text
     * {@code "True"}/{@code "False"} (any case); anything else is unknown (null), never a guess.
     */
    private @Nullable Boolean active(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString() && activeAsText) {
            String text = value.stringValue().strip();
            return text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        }
        return null;
    }

    /**
     * A BulkResponse (RFC 7644 §3.7.3). An entry that is not an object is left out, and so is nothing else: an entry
     * without a readable {@code status} keeps a null status, for the caller to treat as no answer. {@code location}
     * and {@code bulkId} are null where the server left them out.
     */
    public ScimBulkResponse bulkResponse(String body) {
        JsonNode root = object(body, "a BulkResponse");
        JsonNode operations = root.get("Operations");
        if (operations == null || !operations.isArray()) {
            throw new ScimProtocolException("BulkResponse has no 'Operations' array: " + excerpt(body));
        }
        List<ScimBulkResponse.Operation> answers = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (operation.isObject()) {
                Integer status = status(operation.get("status"));
                JsonNode response = operation.get("response");
                ServerError error = status == null || status < 400 ? null
                        : response != null && response.isObject() ? error(status, response.toString())
                        : new ServerError(status, null, "HTTP " + status + " with no error detail");
                answers.add(new ScimBulkResponse.Operation(text(operation, "bulkId"), text(operation, "location"), status,
                        error == null ? null : error.detail(), ScimBulkResponse.StatusForm.of(operation.get("status"))));
            }
        }
        return new ScimBulkResponse(answers);
    }

    /**
     * An operation's status in any form servers write it: {@code "204"} (RFC 7644), {@code 204}, or SCIM 1.1's
     * {@code {"code": "204"}}, each also as {@code "204 No Content"}; a status that is none of these, or not three digits, is null.
     */
    private static @Nullable Integer status(@Nullable JsonNode status) {
        JsonNode value = status != null && status.isObject() ? status.get("code") : status;
        String code = value == null || value.isNull() ? null
                : value.isString() ? value.stringValue().strip()
                : value.isIntegralNumber() ? value.asString() : null;
        // "204 No Content" too: a status line's form.
        return code != null && code.matches("[1-5]\\d{2}( .*)?") ? Integer.valueOf(code.substring(0, 3)) : null;
    }

    /**
     * The server's own words for an error response: SCIM {@code detail}, Stack Overflow's {@code ErrorMessage}, Slack
     * v1's {@code {"Errors": {"description": ..., "code": ...}}}, or a body excerpt.
     */
    public ServerError error(int status, String body) {
        JsonNode root = tryParse(body);
        if (root != null && root.isObject()) {
            return new ServerError(status, text(root, "scimType"), detail(root).orElse("HTTP " + status + " with no error detail"));
        }
        return new ServerError(status, null, body.isBlank() ? "HTTP " + status + " with an empty body" : excerpt(body));
    }

    private static Optional<String> detail(JsonNode root) {
        for (String field : List.of("detail", "ErrorMessage", "message", "error_description", "error", "errorKey")) {
            String message = text(root, field);
            if (message != null && !message.isBlank()) {
                return Optional.of(message);
            }
        }
        JsonNode errors = root.get("Errors");
        JsonNode first = errors != null && errors.isArray() && !errors.isEmpty() ? errors.get(0) : errors;
        if (first != null && first.isObject()) {
            String description = text(first, "description");
            if (description != null && !description.isBlank()) {
                return Optional.of(description);
            }
        }
        return Optional.empty();
    }

    public record ServerError(int status, @Nullable String scimType, String detail) {
    }

    /**
     * The error a success status wraps, if any: a SCIM Error document ({@code schemas} names
     * {@value #ERROR_SCHEMA}) sent with a 2xx. Some servers answer every request 200 and put the real
     * status in the body; such an answer is not a success.
     */
    public Optional<ServerError> errorInSuccess(int status, String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        JsonNode root = tryParse(body);
        if (root == null || !root.isObject() || !root.path("schemas").isArray()) {
            return Optional.empty();
        }
        for (JsonNode schema : root.get("schemas")) {
            if (schema.isString() && schema.stringValue().equals(ERROR_SCHEMA)) {
                String claimed = text(root, "status");
                return Optional.of(new ServerError(status, text(root, "scimType"), "HTTP " + status + " with a SCIM error body"
                        + (claimed == null ? "" : " (status " + claimed + ")") + detail(root).map(d -> ": " + d).orElse("")));
            }
        }
        return Optional.empty();
    }

    private JsonNode object(String body, String what) {
        JsonNode root = tryParse(body);
        if (root == null || !root.isObject()) {
            throw new ScimProtocolException("expected " + what + " as JSON but got: " + excerpt(body));
        }
        return root;
    }

    private @Nullable JsonNode tryParse(String body) {
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String id(@Nullable JsonNode value) {
        if (value == null || value.isNull() || value.isString() && value.stringValue().isBlank()) {
            throw new ScimProtocolException("a User resource has no 'id'");
        }
        if (value.isString()) {
            return value.stringValue();
        }
        // A number is the same id written without quotes; anything else would be a guess.
        if (value.isIntegralNumber()) {
            return value.asString();
        }
        throw new ScimProtocolException("a User resource's 'id' is not a string: " + excerpt(value.toString()));
    }

    private static List<String> emails(@Nullable JsonNode node) {
        List<String> emails = new ArrayList<>();
        if (node == null || !node.isArray()) {
            return emails;
        }
        for (JsonNode email : node) {
            String value = email.isObject() ? text(email, "value") : email.isString() ? email.stringValue() : null;
            if (value != null && !value.isBlank()) {
                emails.add(value);
            }
        }
        return emails;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.isNumber() ? value.asString() : null;
    }

    private static int integer(JsonNode node, String field, int fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isString()) {
            try {
                return Integer.parseInt(value.stringValue().trim());
            } catch (NumberFormatException e) {
                throw new ScimProtocolException("ListResponse '" + field + "' is not a number: " + excerpt(value.stringValue()));
            }
        }
        throw new ScimProtocolException("ListResponse '" + field + "' is not a whole number: " + excerpt(value.toString()));
    }

    static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= EXCERPT_LENGTH ? flat : flat.substring(0, EXCERPT_LENGTH) + "…";
    }
}
