package dev.scimpurge.provider;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import dev.scimpurge.scim.ScimAuthentication;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimAuthorizationException;
import dev.scimpurge.scim.ScimTransportException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anaplan's token scheme: HTTP Basic against the authentication API returns a token that SCIM
 * calls send as {@code Authorization: AnaplanAuthToken <token>}. Tokens expire (35 minutes), so
 * the token is refreshed in the last quarter of its lifetime, at most 5 minutes before it expires
 * (a 35-minute token after 30 minutes, a 4-minute token after 3), and once more when the SCIM
 * API answers 401; if a refresh is refused, it authenticates afresh. Thread-safe and single-flight:
 * all workers share one token, and one of them renews it while the others wait for the new one, so
 * concurrent workers never refresh each other's token away.
 */
final class AnaplanTokenAuthentication implements ScimAuthentication {

    private static final Duration LONGEST_RENEWAL_WINDOW = Duration.ofMinutes(5);
    private static final int RENEWAL_WINDOW_FRACTION_OF_LIFETIME = 4;
    private static final String SCHEME = "AnaplanAuthToken ";

    private final URI authUrl;
    private final Credentials.UserPassword credentials;
    private final CloseableHttpClient http;
    private final JsonMapper mapper;
    private final Clock clock;
    private @Nullable String token;
    private Instant renewAt = Instant.MIN;

    AnaplanTokenAuthentication(URI authUrl, Credentials.UserPassword credentials, CloseableHttpClient http, JsonMapper mapper,
            Clock clock) {
        this.authUrl = authUrl;
        this.credentials = credentials;
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void authorize(HttpRequest request) {
        request.setHeader(HttpHeaders.AUTHORIZATION, SCHEME + currentToken());
    }

    @Override
    public synchronized boolean renewAfterRejection(HttpRequest rejected) {
        Header sent = rejected.getFirstHeader(HttpHeaders.AUTHORIZATION);
        boolean renewedMeanwhile = token != null && sent != null && !sent.getValue().equals(SCHEME + token);
        if (!renewedMeanwhile) {
            renew();
        }
        return true;
    }

    private synchronized String currentToken() {
        if (token == null) {
            authenticate();
        } else if (!clock.instant().isBefore(renewAt)) {
            renew();
        }
        return Objects.requireNonNull(token, "authenticate() and renew() set the token or throw");
    }

    private void renew() {
        if (token == null || !refresh()) {
            authenticate();
        }
    }

    private void authenticate() {
        String basic = Base64.getEncoder().encodeToString(
                (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        Answer answer = post("token/authenticate", "Basic " + basic);
        if (!answer.successful()) {
            throw new ScimAuthorizationException(401, "Anaplan authentication for " + credentials.user() + " failed (HTTP "
                    + answer.status() + ": " + answer.statusMessage() + ")");
        }
        accept(answer);
    }

    private boolean refresh() {
        Answer answer = post("token/refresh", SCHEME + token);
        if (answer.successful()) {
            accept(answer);
        }
        return answer.successful();
    }

    private void accept(Answer answer) {
        token = answer.tokenValue();
        renewAt = renewalTime(clock.instant(), answer.expiresAt());
    }

    /**
     * When a token received now should be renewed: the last quarter of its lifetime, at most the
     * last five minutes. A token that already looks expired (the clocks disagree) is used until
     * the API rejects it; renewing it before every request would only replace it on every request.
     */
    static Instant renewalTime(Instant received, Instant expiresAt) {
        Duration lifetime = Duration.between(received, expiresAt);
        if (lifetime.isNegative() || lifetime.isZero()) {
            return Instant.MAX;
        }
        Duration window = lifetime.dividedBy(RENEWAL_WINDOW_FRACTION_OF_LIFETIME);
        return expiresAt.minus(window.compareTo(LONGEST_RENEWAL_WINDOW) < 0 ? window : LONGEST_RENEWAL_WINDOW);
    }

    private Answer post(String path, String authorization) {
        HttpPost post = new HttpPost(authUrl.resolve(authUrl.getPath().endsWith("/") ? path : authUrl.getPath() + "/" + path));
        post.setHeader(HttpHeaders.AUTHORIZATION, authorization);
        post.setHeader(HttpHeaders.ACCEPT, "application/json");
        try {
            return http.execute(post, response -> parse(response.getCode(), ScimClient.withoutCredential(
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), 64 * 1024), post)));
        } catch (IOException e) {
            throw new ScimTransportException("could not reach the Anaplan authentication API at " + authUrl.getHost()
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private Answer parse(int status, String body) {
        try {
            JsonNode root = mapper.readTree(body);
            JsonNode info = root.path("tokenInfo");
            String value = info.path("tokenValue").isString() ? info.path("tokenValue").stringValue() : null;
            Instant expiry = info.path("expiresAt").isNumber() ? Instant.ofEpochMilli(info.path("expiresAt").longValue())
                    : clock.instant().plus(Duration.ofMinutes(30));
            String message = root.path("statusMessage").isString() ? root.path("statusMessage").stringValue() : "no message";
            return new Answer(status, value, expiry, message);
        } catch (JacksonException e) {
            return new Answer(status, null, Instant.MIN, "not a JSON answer");
        }
    }

    private record Answer(int status, @Nullable String tokenValue, Instant expiresAt, String statusMessage) {
        boolean successful() {
            return status >= 200 && status < 300 && tokenValue != null;
        }
    }

    @Override
    public String toString() {
        return "AnaplanTokenAuthentication[" + authUrl + ", token redacted]";
    }
}
