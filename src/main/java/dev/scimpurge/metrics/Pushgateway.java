package dev.scimpurge.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Pushes Prometheus text to a Pushgateway's group {@code job/JOB/target/TARGET}, both values
 * base64url-encoded in the path as its API allows (a URL has slashes). POST replaces only the metrics
 * of the names pushed, so a gauge that one run does not push (the last success) keeps its value.
 */
final class Pushgateway {

    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final URI group;
    private final HttpClient http;
    private final Duration timeout;

    Pushgateway(URI base, String job, String target, Duration timeout) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        this.group = URI.create(root + "metrics/job@base64/" + encode(job) + "/target@base64/" + encode(target));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    private static String encode(String value) {
        return Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    String describe() {
        return "the Pushgateway at " + group.getScheme() + "://" + group.getHost() + (group.getPort() < 0 ? "" : ":" + group.getPort());
    }

    void push(String prometheusText) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(group).timeout(timeout).header("Content-Type", TEXT_FORMAT)
                .POST(HttpRequest.BodyPublishers.ofString(prometheusText)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body().lines().findFirst().orElse("").strip();
            throw new IOException("it answered HTTP " + response.statusCode() + (body.isEmpty() ? "" : ": " + clip(body)));
        }
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 199) + "…" : text;
    }
}
