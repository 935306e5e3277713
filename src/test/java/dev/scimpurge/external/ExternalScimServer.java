package dev.scimpurge.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import de.captaingoldfish.scim.sdk.common.constants.HttpHeader;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.SortConfig;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.AuthenticationScheme;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Email;
import de.captaingoldfish.scim.sdk.common.response.DeleteResponse;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import de.captaingoldfish.scim.sdk.server.schemas.custom.ResourceTypeFeatures;

/**
 * An outside SCIM 2.0 service provider on 127.0.0.1, for acceptance tests that must not run against the project's
 * own sandbox.
 *
 * <p>The SCIM protocol is served by Captain-P-Goldfish's SCIM-SDK ({@code de.captaingoldfish:scim-sdk-server},
 * BSD-3-Clause), an independent, HTTP-agnostic implementation of RFC 7643/7644: its {@link ResourceEndpoint} parses
 * the request URL and query, evaluates filters against the standard User schema, pages, validates and renders
 * responses and errors. What is ours is only the transport (the JDK's {@link HttpServer} handing each exchange to
 * {@code ResourceEndpoint.handleRequest}), an in-memory map as storage ({@link InMemoryUserHandler}) and a bearer
 * token check ({@link BearerTokenAuthorization}).
 *
 * <p>Endpoints under {@link #baseUrl()}: {@code /Users} (GET with {@code filter}, {@code startIndex}, {@code count},
 * {@code sortBy}; POST; {@code /Users/{id}} GET, PUT, DELETE), {@code /ServiceProviderConfig}, {@code /ResourceTypes},
 * {@code /Schemas}. Every request needs {@code Authorization: Bearer <token()>}; without it: 401.
 *
 * <p>Not thread-hostile: the server answers concurrent requests; the helpers may be called while it does.
 */
public final class ExternalScimServer implements AutoCloseable {

    /** Page size cap ({@code filter.maxResults}) used by {@link #start()}: a larger {@code count} is cut to this. */
    public static final int DEFAULT_MAX_PAGE_SIZE = 100;

    private static final String CONTEXT_PATH = "/scim/v2";

    private final HttpServer http;
    private final ExecutorService executor;
    private final ResourceEndpoint endpoint;
    private final InMemoryUserHandler users;
    private final BearerTokenAuthorization authorization;
    private final String token;
    private final URI baseUrl;
    private final int maxPageSize;

    private ExternalScimServer(int maxPageSize) throws IOException {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be at least 1");
        }
        quietSdkLogging();
        this.maxPageSize = maxPageSize;
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        this.authorization = new BearerTokenAuthorization(token);

        ServiceProvider serviceProvider = ServiceProvider.builder()
                .filterConfig(FilterConfig.builder().supported(true).maxResults(maxPageSize).build())
                .sortConfig(SortConfig.builder().supported(true).build())
                .authenticationSchemes(List.of(AuthenticationScheme.builder()
                        .name("Bearer") // the SDK writes the 401 WWW-Authenticate header as: <name> realm="..."
                        .description("Authentication scheme using the OAuth Bearer Token standard")
                        .specUri("https://www.rfc-editor.org/info/rfc6750")
                        .type("oauthbearertoken")
                        .build()))
                .build();
        this.endpoint = new ResourceEndpoint(serviceProvider);
        this.users = new InMemoryUserHandler();
        ResourceType userType = endpoint.registerEndpoint(new UserEndpointDefinition(users));
        userType.setFeatures(ResourceTypeFeatures.builder().autoFiltering(true).autoSorting(true).build());

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        this.http = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        AtomicInteger threadNo = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "external-scim-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext(CONTEXT_PATH, this::handle);
        http.start();
        this.baseUrl = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + CONTEXT_PATH);
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port, with {@link #DEFAULT_MAX_PAGE_SIZE} as page cap. */
    public static ExternalScimServer start() {
        return start(DEFAULT_MAX_PAGE_SIZE);
    }

    /** Starts a server whose list responses never hold more than {@code maxPageSize} resources. */
    public static ExternalScimServer start(int maxPageSize) {
        try {
            return new ExternalScimServer(maxPageSize);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the external SCIM server", e);
        }
    }

    /** The SCIM base, e.g. {@code http://127.0.0.1:41234/scim/v2}; users are at {@code baseUrl() + "/Users"}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The bearer token every request must carry: {@code Authorization: Bearer <token>}. */
    public String token() {
        return token;
    }

    /** The page cap ({@code ServiceProviderConfig filter.maxResults}). */
    public int maxPageSize() {
        return maxPageSize;
    }

    /**
     * Creates a user the way a client would (a SCIM POST through the SDK, schema-validated), only without the
     * socket, so that seeding thousands of users stays fast. The email becomes the single, primary work email.
     *
     * @return the id the server assigned
     * @throws IllegalStateException if the server refuses, e.g. 409 for a userName already taken
     */
    public String createUser(String userName, String email, boolean active) {
        User.UserBuilder user = User.builder().userName(userName).active(active);
        if (email != null) {
            user.emails(List.of(Email.builder().value(email).type("work").primary(true).build()));
        }
        Map<String, String> headers = new HashMap<>();
        headers.put(HttpHeader.CONTENT_TYPE_HEADER, HttpHeader.SCIM_CONTENT_TYPE);
        headers.put("Authorization", "Bearer " + token);
        ScimResponse response = endpoint.handleRequest(baseUrl + "/Users", HttpMethod.POST, user.build().toString(),
                headers, new Context(authorization));
        if (response.getHttpStatus() != 201) {
            throw new IllegalStateException("create of '" + userName + "' answered " + response.getHttpStatus() + ": "
                    + response);
        }
        return response.get("id").textValue();
    }

    /** Whether a user with this id is stored (looked at directly, not over HTTP). */
    public boolean exists(String id) {
        return users.contains(id);
    }

    /** How many users are stored. */
    public int userCount() {
        return users.size();
    }

    /** How many stored users have {@code active} equal to the argument (a user without the attribute counts as active). */
    public int userCount(boolean active) {
        return users.count(active);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            HttpMethod method;
            try {
                method = HttpMethod.valueOf(exchange.getRequestMethod());
            } catch (IllegalArgumentException e) {
                String detail = "method " + exchange.getRequestMethod() + " is not supported";
                send(exchange, 405, "HEAD".equals(exchange.getRequestMethod()) ? "" : error(405, null, detail), Map.of());
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name, values.get(0));
                }
            });
            // the raw request target keeps the client's percent-encoding; the SDK decodes the query itself
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + exchange.getRequestURI().toString();
            ScimResponse response = endpoint.handleRequest(url, method, body.isEmpty() ? null : body, headers,
                    new Context(authorization));
            int status = response.getHttpStatus();
            if (response instanceof DeleteResponse || status == 204) {
                response.getHttpHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(204, -1);
            } else {
                send(exchange, status, response.toString(), response.getHttpHeaders());
            }
        } catch (RuntimeException | Error e) {
            send(exchange, 500, error(500, null, String.valueOf(e)), Map.of());
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String json, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set(HttpHeader.CONTENT_TYPE_HEADER, HttpHeader.SCIM_CONTENT_TYPE);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String error(int status, String scimType, String detail) {
        String escaped = detail.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"" + status + "\""
                + (scimType == null ? "" : ",\"scimType\":\"" + scimType + "\"") + ",\"detail\":\"" + escaped + "\"}";
    }

    /** The SDK logs each request at DEBUG; logback's unconfigured default would print all of it. */
    private static void quietSdkLogging() {
        try {
            org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("de.captaingoldfish");
            if (logger instanceof ch.qos.logback.classic.Logger logback && logback.getLevel() == null) {
                logback.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        } catch (LinkageError noLogback) {
            // another slf4j binding: leave its configuration alone
        }
    }
}
