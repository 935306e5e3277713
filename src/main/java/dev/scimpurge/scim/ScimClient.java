package dev.scimpurge.scim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * A small SCIM 2.0 client for the calls a purge makes. Every answer is either a parsed value or a
 * {@link ScimException} saying what went wrong; 401 and 403 always become
 * {@link ScimAuthorizationException}, whatever the call.
 */
public final class ScimClient {

    private static final String SCIM_JSON = "application/scim+json, application/json;q=0.9";

    private final ScimBaseUrl base;
    private final CloseableHttpClient http;
    private final ScimAuthentication authentication;
    private final ScimResponseParser parser;
    private final int maxBodyBytes;

    public ScimClient(ScimBaseUrl base, CloseableHttpClient http, ScimAuthentication authentication,
            ScimResponseParser parser, int maxBodyBytes) {
        this.base = base;
        this.http = http;
        this.authentication = authentication;
        this.parser = parser;
        this.maxBodyBytes = maxBodyBytes;
    }

    public ScimBaseUrl base() {
        return base;
    }

    public ScimListPage listUsers(String filter, int startIndex, int count) {
        StringBuilder query = new StringBuilder();
        if (filter != null) {
            query.append("filter=").append(encodeQueryValue(filter)).append('&');
        }
        query.append("startIndex=").append(startIndex).append("&count=").append(count);
        HttpGet get = new HttpGet(URI.create(base.users() + "?" + query));
        return parser.listPage(expectSuccess(send(get)));
    }

    /** The user with that id, or empty when the server answers 404. */
    public Optional<ScimUser> getUser(String id) {
        Response response = send(new HttpGet(base.user(id)));
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(parser.user(expectSuccess(response)));
    }

    /** Sends {@code DELETE /Users/{id}}; returns the HTTP status on 2xx, throws otherwise (404 included). */
    public int deleteUser(String id) {
        Response response = send(new HttpDelete(base.user(id)));
        expectSuccess(response);
        return response.status();
    }

    private String expectSuccess(Response response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        ScimResponseParser.ServerError error = parser.error(status, response.body());
        if (status == 401 || status == 403) {
            throw new ScimAuthorizationException(status, error.detail());
        }
        throw new ScimErrorResponseException(status, error.scimType(), error.detail());
    }

    private Response send(HttpUriRequestBase request) {
        request.setHeader(HttpHeaders.ACCEPT, SCIM_JSON);
        authentication.authorize(request);
        try {
            return http.execute(request, response -> new Response(response.getCode(), readBody(response)));
        } catch (InterruptedIOException e) {
            throw new ScimTransportException("no answer from " + base.host() + " in time (" + request.getMethod() + " "
                    + request.getRequestUri().replaceAll("\\?.*", "") + ")", e);
        } catch (IOException e) {
            throw new ScimTransportException("could not talk to " + base.host() + ": " + describe(e), e);
        }
    }

    private String readBody(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw new ScimProtocolException("the response body is larger than " + maxBodyBytes + " bytes; refusing to read it");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static String encodeQueryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Response(int status, String body) {
    }
}
