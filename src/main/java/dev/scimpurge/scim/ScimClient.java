package dev.scimpurge.scim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPatch;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.entity.StringEntity;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small SCIM 2.0 client for the calls a purge makes. Every answer is either a parsed value or a
 * {@link ScimException} saying what went wrong; 401 and 403 always become
 * {@link ScimAuthorizationException}, whatever the call. A 429 (or 503) with {@code Retry-After}
 * pauses every request of this client for as long as the server asked, then the request is sent
 * again, a bounded number of times. Every request (every write only, where {@link Settings#paceReads()} is off), from
 * whichever thread, first takes a token from the shared {@link RequestPacer}, and tells it whether the server answered 429. Once {@link TransportHealth} counts
 * the server as down, no request is sent any more: each fails at once with {@link RequestNotSentException}. Thread-safe.
 */
public final class ScimClient {

    private static final String SCIM_JSON = "application/scim+json, application/json;q=0.9";
    private static final ContentType SCIM_JSON_BODY = ContentType.create("application/scim+json", StandardCharsets.UTF_8);
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int SHORTEST_REDACTED_CREDENTIAL = 8;
    /**
     * Atlassian's 403 for an action on one account that another source manages ({@code "errorKey": "forbidden.action"}):
     * a refusal of that request, not of the credential, so it does not stop the run.
     */
    static final String FORBIDDEN_ACTION = "forbidden.action";

    private final ScimBaseUrl base;
    private final String usersPath;
    private final CloseableHttpClient http;
    private final ScimAuthentication authentication;
    private final ScimResponseParser parser;
    private final JsonMapper mapper;
    private final RetryAfter retryAfter;
    private final RequestPacer pacer;
    private final TransportHealth health;
    private final Settings settings;
    private final RequestEvents events;

    /**
     * @param maxBodyBytes     larger response bodies are refused
     * @param maxRetriesAfter  how often one request is sent again after a 429/503 with Retry-After
     * @param paceReads        whether GETs take from the pacer too; off where the service limits writes on their own
     *                         (Slack), so that lookups and re-reads do not use up the removals' rate
     * @param maxPageSize      the most users a list request asks for (the service's documented limit), or 0 for none
     * @param activeAsText     read {@code active} sent as the text "True"/"False" (the profile's deactivated.active-as-text)
     * @param paging           how the service pages its listing (the profile's paging)
     * @param accountIdAttribute the attribute holding the service's own account id (the profile's csv.id-attribute), or null
     */
    public record Settings(String usersPath, int maxBodyBytes, int maxRetriesAfter, boolean paceReads, int maxPageSize,
            boolean activeAsText, ListPaging paging, @Nullable String accountIdAttribute) {

        public Settings(String usersPath, int maxBodyBytes, int maxRetriesAfter) {
            this(usersPath, maxBodyBytes, maxRetriesAfter, true, 0, false, ListPaging.INDEX, null);
        }
    }

    public ScimClient(ScimBaseUrl base, CloseableHttpClient http, ScimAuthentication authentication, JsonMapper mapper,
            RetryAfter retryAfter, RequestPacer pacer, TransportHealth health, Settings settings) {
        this(base, http, authentication, mapper, retryAfter, pacer, health, settings, RequestEvents.NONE);
    }

    public ScimClient(ScimBaseUrl base, CloseableHttpClient http, ScimAuthentication authentication, JsonMapper mapper,
            RetryAfter retryAfter, RequestPacer pacer, TransportHealth health, Settings settings, RequestEvents events) {
        this.events = events;
        this.base = base;
        this.usersPath = settings.usersPath();
        this.http = http;
        this.authentication = authentication;
        this.parser = new ScimResponseParser(mapper, settings.activeAsText(), settings.accountIdAttribute());
        this.mapper = mapper;
        this.retryAfter = retryAfter;
        this.pacer = pacer;
        this.health = health;
        this.settings = settings;
    }

    public ScimBaseUrl base() {
        return base;
    }

    public URI userUri(String id) {
        return base.resolve(usersPath + "/" + ScimBaseUrl.pathSegment(id));
    }

    /** {@code {base}/Users}, where users are listed and looked up. */
    public URI usersUri() {
        return base.resolve(usersPath);
    }

    /** {@code /Users/{id}} relative to the SCIM base, as a Bulk operation's {@code path} names a user. */
    public String bulkPath(String id) {
        return "/" + usersPath + "/" + ScimBaseUrl.pathSegment(id);
    }

    /** How the service pages its listing. */
    public ListPaging paging() {
        return settings.paging();
    }

    /** The page at {@code startIndex}; a service that pages by cursor has only the first ({@code startIndex} 1). */
    public ScimListPage listUsers(@Nullable String filter, int startIndex, int count) {
        return listUsers(filter, new ListPosition(startIndex, null), count);
    }

    /** The listing's first page, as the service pages it. */
    public ScimListPage firstPage(@Nullable String filter, int count) {
        return listUsers(filter, ListPosition.FIRST, count);
    }

    /** The page after {@code page} (read with the same filter), or empty when {@code page} was the last. */
    public Optional<ScimListPage> nextPage(@Nullable String filter, ScimListPage page, int count) {
        return settings.paging().next(page).map(position -> listUsers(filter, position, count));
    }

    public ScimListPage listUsers(@Nullable String filter, ListPosition position, int count) {
        StringBuilder query = new StringBuilder();
        if (filter != null) {
            query.append("filter=").append(encodeQueryValue(filter)).append('&');
        }
        int asked = settings.maxPageSize() > 0 ? Math.min(count, settings.maxPageSize()) : count;
        query.append(settings.paging().query(position, asked));
        URI uri = URI.create(usersUri() + "?" + query);
        return parser.listPage(expectSuccess(send(() -> new HttpGet(uri))), position);
    }

    /**
     * How many users the directory holds: its {@code totalResults}, or, where the listing does not say it (cursor
     * pages), the users counted over every page, at most {@code maxPages} of {@code pageSize}.
     *
     * @throws ScimProtocolException when the listing goes on past {@code maxPages}
     */
    public long directorySize(int pageSize, int maxPages) {
        if (settings.paging().reportsTotal()) {
            return firstPage(null, 1).totalResults();
        }
        ScimListPage page = firstPage(null, pageSize);
        long users = page.resources().size();
        for (int pages = 1; ; pages++) {
            Optional<ScimListPage> next = nextPage(null, page, pageSize);
            if (next.isEmpty()) {
                return users;
            }
            if (pages >= maxPages) {
                throw new ScimProtocolException("the listing says no totalResults and goes on past " + maxPages
                        + " pages; cannot count the directory");
            }
            page = next.get();
            users += page.resources().size();
        }
    }

    /**
     * The user with that id, or empty when the server answers 404. A 404 with {@code scimType} {@code sensitive} is a
     * refusal (Anaplan answers some requests that way), not "no such user": it is thrown.
     */
    public Optional<ScimUser> getUser(String id) {
        Response response = send(() -> new HttpGet(userUri(id)));
        if (response.status() == 404 && !ScimErrorResponseException.SENSITIVE.equalsIgnoreCase(
                parser.error(404, response.body()).scimType())) {
            return Optional.empty();
        }
        return Optional.of(parser.user(expectSuccess(response)));
    }

    /** Sends {@code DELETE /Users/{id}}; returns the HTTP status on 2xx, throws otherwise (404 included). */
    public int deleteUser(String id) {
        return delete(userUri(id));
    }

    /** Sends DELETE to a URL of the same service (a provider's own removal endpoint). */
    public int delete(URI uri) {
        Response response = send(() -> new HttpDelete(uri));
        expectSuccess(response);
        return response.status();
    }

    /** The PatchOp message with these operations. */
    public ObjectNode patchOp(JsonNode operations) {
        ObjectNode body = mapper.createObjectNode();
        body.putArray("schemas").add(PATCH_OP);
        body.set("Operations", operations);
        return body;
    }

    /** Sends a PatchOp with these operations; returns the user as the server answered, when it did. */
    public PatchResult patchUser(String id, JsonNode operations) {
        String json = mapper.writeValueAsString(patchOp(operations));
        Response response = send(() -> {
            HttpPatch patch = new HttpPatch(userUri(id));
            patch.setEntity(new StringEntity(json, SCIM_JSON_BODY));
            return patch;
        });
        String answer = expectSuccess(response);
        return new PatchResult(response.status(), answer.isBlank() ? Optional.empty() : Optional.of(parser.user(answer)));
    }

    public record PatchResult(int status, Optional<ScimUser> user) {
    }

    /**
     * Sends {@code POST {base}/Bulk} with this BulkRequest, already serialized; returns the operations' answers. An error
     * status of the request as a whole (413 Payload Too Large included) is thrown like any other.
     */
    public ScimBulkResponse bulk(String bulkRequest) {
        Response response = send(() -> {
            HttpPost post = new HttpPost(base.resolve("Bulk"));
            post.setEntity(new StringEntity(bulkRequest, SCIM_JSON_BODY));
            return post;
        });
        return parser.bulkResponse(expectSuccess(response));
    }

    /** The server's ServiceProviderConfig document, or empty when it has none. */
    public Optional<JsonNode> serviceProviderConfig() {
        Response response = send(() -> new HttpGet(base.resolve("ServiceProviderConfig")));
        if (response.status() == 404 || response.status() == 501) {
            return Optional.empty();
        }
        String body = expectSuccess(response);
        try {
            return Optional.of(mapper.readTree(body));
        } catch (tools.jackson.core.JacksonException e) {
            throw new ScimProtocolException("ServiceProviderConfig is not JSON: " + ScimResponseParser.excerpt(body));
        }
    }

    private String expectSuccess(Response response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            parser.errorInSuccess(status, response.body()).ifPresent(wrapped -> {
                throw new ScimProtocolException(wrapped.detail());
            });
            return response.body();
        }
        ScimResponseParser.ServerError error = parser.error(status, response.body());
        if (status == 401 || status == 403 && !FORBIDDEN_ACTION.equals(error.detail())) {
            throw new ScimAuthorizationException(status, error.detail());
        }
        throw new ScimErrorResponseException(status, error.scimType(), error.detail());
    }

    private Response send(Supplier<HttpUriRequestBase> requests) {
        boolean renewed = false;
        int retries = 0;
        while (true) {
            HttpUriRequestBase request = requests.get();
            awaitRetryAfter();
            boolean paced = settings.paceReads() || !HttpGet.METHOD_NAME.equals(request.getMethod());
            long sentAt = paced ? pacer.acquire() : 0;
            holdBackIfDown();
            Response response = execute(request);
            if (paced) {
                pacer.answered(sentAt, response.status() == 429);
            }
            if (response.status() == 401 && !renewed && authentication.renewAfterRejection(request)) {
                renewed = true;
                continue;
            }
            if ((response.status() == 429 || response.status() == 503) && response.retryAfter() != null
                    && retries < settings.maxRetriesAfter()) {
                Optional<Duration> pause = retryAfter.pauseFor(response.retryAfter());
                if (pause.isPresent()) {
                    events.retryAfter(pause.get());
                    events.retried(RequestEvents.RetryReason.RETRY_AFTER);
                    retries++;
                    continue;
                }
            }
            return response;
        }
    }

    /**
     * Right before the exchange, after any pause: a request that waited out a Retry-After or its pace while the server
     * went down is held back too. What was sent before is answered or failed on its own.
     */
    private void holdBackIfDown() {
        if (health.isDown()) {
            throw new RequestNotSentException(base.host(), health.outage());
        }
    }

    private void awaitRetryAfter() {
        try {
            retryAfter.awaitPermission();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScimTransportException("interrupted while waiting for the server's Retry-After", e);
        }
    }

    private Response execute(HttpUriRequestBase request) {
        request.setHeader(HttpHeaders.ACCEPT, SCIM_JSON);
        authentication.authorize(request);
        try {
            Response answer = http.execute(request, response -> {
                Header retry = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
                return new Response(response.getCode(), withoutCredential(readBody(request, response), request),
                        retry == null ? null : retry.getValue());
            });
            health.answered();
            events.answered(request.getMethod(), answer.status());
            return answer;
        } catch (InterruptedIOException e) {
            events.unanswered(request.getMethod());
            throw failed(new ScimTransportException("no answer from " + base.host() + " in time (" + request.getMethod() + " "
                    + request.getRequestUri().replaceAll("\\?.*", "") + ")", e));
        } catch (IOException e) {
            events.unanswered(request.getMethod());
            throw failed(new ScimTransportException("could not talk to " + base.host() + ": " + describe(e), e));
        }
    }

    private ScimTransportException failed(ScimTransportException failure) {
        health.failed(failure.getMessage());
        return failure;
    }

    private String readBody(HttpUriRequestBase request, ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return "";
        }
        if (entity.getContentLength() > settings.maxBodyBytes()) {
            throw bodyTooLarge(request);
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes(settings.maxBodyBytes() + 1);
            if (bytes.length > settings.maxBodyBytes()) {
                throw bodyTooLarge(request);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * The body with the request's credential (the Authorization value after its scheme) replaced: a server that echoes
     * it, in an error's detail say, must not carry it into outcomes, reports or logs, which quote what servers answer.
     * A credential shorter than {@value #SHORTEST_REDACTED_CREDENTIAL} characters is left alone: replacing it could
     * mangle ordinary JSON, and no service issues tokens that short.
     */
    public static String withoutCredential(String body, HttpRequest request) {
        Header authorization = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.getValue() == null) {
            return body;
        }
        String value = authorization.getValue().strip();
        String credential = value.substring(value.indexOf(' ') + 1).strip();
        return credential.length() < SHORTEST_REDACTED_CREDENTIAL || !body.contains(credential) ? body
                : body.replace(credential, "[redacted]");
    }

    /** Closing the response normally would read the rest of the body to reuse the connection: abort it instead. */
    private ScimProtocolException bodyTooLarge(HttpUriRequestBase request) {
        request.abort();
        return new ScimProtocolException("the response body is larger than " + settings.maxBodyBytes() + " bytes; refusing to read it");
    }

    /** The failure in words: its message where it has one (a class name says less to an operator). */
    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String encodeQueryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Response(int status, String body, @Nullable String retryAfter) {
    }
}
