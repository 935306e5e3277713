package dev.scimpurge.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

/**
 * A JSON document POSTed to a URL: the webhook's full document, or a Slack incoming-webhook
 * message ({@code {"text": ...}}, https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks/).
 * Any answer but 2xx is a failed delivery.
 */
final class HttpChannel implements Channel {

    private final String kind;
    private final URI url;
    private final HttpClient http;
    private final Duration timeout;
    private final Function<RunNotice, String> body;

    HttpChannel(String kind, URI url, HttpClient http, Duration timeout, Function<RunNotice, String> body) {
        this.kind = kind;
        this.url = url;
        this.http = http;
        this.timeout = timeout;
        this.body = body;
    }

    @Override
    public String describe() {
        return "the " + kind + " at " + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public void deliver(RunNotice notice) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.apply(notice)))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("it answered HTTP " + response.statusCode());
        }
    }
}
