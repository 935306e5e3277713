package dev.scimpurge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks real HTTP to a sandbox with the JDK client, the way an outside SCIM client would. */
final class ScimTestClient {

    // One shared client: the JDK 17 HttpClient cannot be closed, so one per test would leak selector threads.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final URI baseUrl;
    private final String authorization;

    ScimTestClient(URI baseUrl, String token) {
        this(baseUrl, token, true);
    }

    private ScimTestClient(URI baseUrl, String authorization, boolean bearer) {
        this.baseUrl = baseUrl;
        this.authorization = authorization == null ? null : bearer ? "Bearer " + authorization : authorization;
    }

    static ScimTestClient withAuthorizationHeader(URI baseUrl, String rawHeader) {
        return new ScimTestClient(baseUrl, rawHeader, false);
    }

    /** @param pathAndQuery appended verbatim to the base URL, so it must already be encoded */
    Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    Reply delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null);
    }

    Reply patch(String pathAndQuery, String json) {
        return send("PATCH", pathAndQuery, json);
    }

    Reply list(String filter, Integer startIndex, Integer count) {
        List<String> parameters = new ArrayList<>();
        if (filter != null) {
            parameters.add("filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        }
        if (startIndex != null) {
            parameters.add("startIndex=" + startIndex);
        }
        if (count != null) {
            parameters.add("count=" + count);
        }
        return get("/Users" + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters)));
    }

    /** The ids of a filtered list, asking for up to 1000 results. */
    List<String> idsMatching(String filter) {
        Reply reply = list(filter, null, 1000);
        if (reply.status() != 200) {
            throw new AssertionError("filter " + filter + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.resourceIds();
    }

    Reply send(String method, String pathAndQuery, String json) {
        return join(sendAsync(method, pathAndQuery, json));
    }

    CompletableFuture<Reply> sendAsync(String method, String pathAndQuery, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/scim+json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new Reply(response.statusCode(), response.headers(), response.body()));
    }

    private static Reply join(CompletableFuture<Reply> reply) {
        try {
            return reply.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            return MAPPER.readTree(body);
        }

        List<String> resourceIds() {
            JsonNode resources = json().path("Resources");
            return resources.valueStream().map(user -> user.get("id").stringValue()).toList();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
