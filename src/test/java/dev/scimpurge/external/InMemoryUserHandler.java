package dev.scimpurge.external;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.exceptions.ResourceNotFoundException;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.Meta;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;

/**
 * Storage behind the SCIM-SDK's {@code /Users} endpoint: nothing but a map.
 *
 * <p>The protocol work is the SDK's, not ours: URL and query parsing, the filter grammar and its evaluation
 * against the User schema (auto-filtering, which honours each attribute's {@code caseExact}), {@code startIndex} /
 * {@code count} slicing capped at the service provider's {@code maxResults}, schema validation of requests and
 * responses, status codes and the SCIM error body. This class only keeps users in creation order, assigns ids and
 * enforces {@code userName} uniqueness (case-insensitively, as {@code userName} is not case-exact in RFC 7643).
 *
 * <p>Stored nodes are handed out as copies, because the SDK decorates the nodes it serialises ({@code meta.location}
 * and so on) and concurrent requests must not share a mutable Jackson tree.
 */
final class InMemoryUserHandler extends ResourceHandler<User> {

    private final Map<String, User> users = new LinkedHashMap<>(); // guarded by this

    @Override
    public User createResource(User resource, Context context) {
        String userName = resource.getUserName()
                .orElseThrow(() -> new BadRequestException("userName is required", null, ScimType.RFC7644.INVALID_VALUE));
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        resource.setId(id);
        stamp(resource, now, now);
        synchronized (this) {
            String key = userName.toLowerCase(Locale.ROOT);
            boolean taken = users.values().stream()
                    .anyMatch(u -> u.getUserName().map(n -> n.toLowerCase(Locale.ROOT).equals(key)).orElse(false));
            if (taken) {
                throw new ConflictException("userName '" + userName + "' is already taken", ScimType.RFC7644.UNIQUENESS);
            }
            users.put(id, copy(resource));
        }
        return resource;
    }

    @Override
    public User getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes,
            Context context) {
        synchronized (this) {
            return copy(users.get(id)); // null makes the SDK answer 404
        }
    }

    @Override
    public PartialListResponse<User> listResources(long startIndex, int count, FilterNode filter,
            SchemaAttribute sortBy, SortOrder sortOrder, List<SchemaAttribute> attributes,
            List<SchemaAttribute> excludedAttributes, Context context) {
        // Auto-filtering is on for this resource type: the SDK filters, sorts and slices what we return.
        List<User> all = new ArrayList<>();
        synchronized (this) {
            for (User u : users.values()) {
                all.add(copy(u));
            }
        }
        return PartialListResponse.<User>builder().resources(all).totalResults(all.size()).build();
    }

    @Override
    public User updateResource(User resource, Context context) {
        String id = resource.getId().orElseThrow(() -> new BadRequestException("id is missing", null, null));
        synchronized (this) {
            User old = users.get(id);
            if (old == null) {
                throw new ResourceNotFoundException("User '" + id + "' does not exist", null, null);
            }
            Instant created = old.getMeta().flatMap(Meta::getCreated).orElse(Instant.now());
            stamp(resource, created, Instant.now());
            users.put(id, copy(resource));
        }
        return resource;
    }

    @Override
    public void deleteResource(String id, Context context) {
        synchronized (this) {
            if (users.remove(id) == null) {
                throw new ResourceNotFoundException("User '" + id + "' does not exist", null, null);
            }
        }
    }

    synchronized boolean contains(String id) {
        return users.containsKey(id);
    }

    synchronized int size() {
        return users.size();
    }

    synchronized int count(boolean active) {
        return (int) users.values().stream().filter(u -> u.isActive().orElse(true) == active).count();
    }

    /** The SDK may already have put a meta node on the resource; it refuses to have it replaced. */
    private static void stamp(User resource, Instant created, Instant lastModified) {
        if (resource.getMeta().isPresent()) {
            Meta meta = resource.getMeta().get();
            meta.setCreated(created);
            meta.setLastModified(lastModified);
            meta.setResourceType("User");
        } else {
            resource.setMeta(Meta.builder().resourceType("User").created(created).lastModified(lastModified).build());
        }
    }

    private static User copy(User user) {
        return user == null ? null : JsonHelper.copyResourceToObject(user.deepCopy(), User.class);
    }
}
