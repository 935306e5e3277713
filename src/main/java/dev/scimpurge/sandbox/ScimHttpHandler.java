package dev.scimpurge.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The HTTP side: records the request, hands it to the {@link SandboxRouter}, waits the configured latency, answers; or,
 * once the server has stopped answering ({@link Silence}), holds it without an answer.
 */
final class ScimHttpHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/scim+json";
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final SandboxRouter router;
    private final RequestLog requests;
    private final SandboxFaults faults;

    ScimHttpHandler(SandboxRouter router, RequestLog requests, SandboxFaults faults) {
        this.router = router;
        this.requests = requests;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            requests.record(new RecordedRequest(method, uri.getRawPath(), uri.getRawQuery()));
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            Optional<Duration> silence = faults.silenceFor(method);
            if (silence.isPresent()) {
                // Closing the exchange without an answer makes the JDK server drop the connection.
                pause(silence.get());
                return;
            }
            Optional<RouteFault> routeFault = faults.routeFault(method, uri.getRawPath(), uri.getRawQuery());
            if (routeFault.isPresent()) {
                if (pause(faults.latency())) {
                    sendFault(exchange, routeFault.get());
                }
                return;
            }
            ScimRequest request = new ScimRequest(method, uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            ScimResponse response = body.length > MAX_BODY_BYTES
                    ? router.reject(request,
                            ScimException.of(413, "Request bodies are limited to " + MAX_BODY_BYTES + " bytes"))
                    : router.respond(request);
            if (pause(faults.latency())) {
                send(exchange, response);
            }
        }
    }

    /** @return false when interrupted, which happens only when the server is closing */
    private static boolean pause(Duration latency) {
        if (latency.isZero()) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(latency.toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void send(HttpExchange exchange, ScimResponse response) throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.getResponseHeaders().set(ScimResponse.CONTENT_TYPE,
                response.headers().getOrDefault(ScimResponse.CONTENT_TYPE, CONTENT_TYPE));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static void sendFault(HttpExchange exchange, RouteFault fault) throws IOException {
        if (fault instanceof RouteFault.Canned canned) {
            byte[] body = canned.bytes();
            exchange.getResponseHeaders().set(ScimResponse.CONTENT_TYPE, canned.contentType());
            exchange.sendResponseHeaders(canned.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } else if (fault instanceof RouteFault.HugeBody huge) {
            sendHugeBody(exchange, huge);
        } else if (fault instanceof RouteFault.CutOffBody cut) {
            byte[] body = cut.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set(ScimResponse.CONTENT_TYPE, CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, cut.sentBytes());
            out.flush();
            // Closing the exchange with bytes missing makes the JDK server drop the connection.
        }
    }

    /** {"Resources":[],"padding":"xxx...x"} of exactly the fault's size. */
    private static void sendHugeBody(HttpExchange exchange, RouteFault.HugeBody huge) throws IOException {
        byte[] head = "{\"Resources\":[],\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] padding = new byte[64 * 1024];
        Arrays.fill(padding, (byte) 'x');
        exchange.getResponseHeaders().set(ScimResponse.CONTENT_TYPE, CONTENT_TYPE);
        exchange.sendResponseHeaders(200, huge.chunked() ? 0 : huge.bytes());
        OutputStream out = exchange.getResponseBody();
        out.write(head);
        huge.countSent(head.length);
        long left = huge.bytes() - head.length - tail.length;
        while (left > 0) {
            int n = (int) Math.min(left, padding.length);
            out.write(padding, 0, n);
            huge.countSent(n);
            left -= n;
        }
        out.write(tail);
        huge.countSent(tail.length);
        out.close();
    }
}
