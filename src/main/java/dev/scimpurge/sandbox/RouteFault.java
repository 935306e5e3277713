package dev.scimpurge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An answer that replaces the sandbox's own for requests of one method on matching paths, set with
 * {@link SandboxFaults#onRoute}: the hostile servers a client must survive (an HTML login page, a
 * body of the wrong shape, a success status around an error, a body too large to read, a connection
 * that closes mid-body). The request is still logged; nothing else about it is looked at.
 */
public sealed interface RouteFault {

    /** Any status, content type and body, e.g. {@code 200 text/html <html>...}. */
    record Canned(int status, String contentType, String body) implements RouteFault {
        public Canned {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        public static Canned json(int status, String body) {
            return new Canned(status, ScimHttpHandler.CONTENT_TYPE, body);
        }

        byte[] bytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A 200 whose JSON body is {@code bytes} long (padding inside a string), declared with
     * Content-Length or sent chunked. Counts what it managed to send, so a test can tell a client
     * that stopped reading from one that read it all.
     */
    final class HugeBody implements RouteFault {
        private final long bytes;
        private final boolean chunked;
        private final AtomicLong sent = new AtomicLong();

        public HugeBody(long bytes, boolean chunked) {
            if (bytes < 64) {
                throw new IllegalArgumentException("a huge body has at least 64 bytes, was " + bytes);
            }
            this.bytes = bytes;
            this.chunked = chunked;
        }

        public long bytes() {
            return bytes;
        }

        boolean chunked() {
            return chunked;
        }

        /** Bytes written to the connection so far, over every request this fault answered. */
        public long sent() {
            return sent.get();
        }

        void countSent(long n) {
            sent.addAndGet(n);
        }
    }

    /** Declares {@code body}'s full length, sends only its first {@code sentBytes}, then closes the connection. */
    record CutOffBody(String body, int sentBytes) implements RouteFault {
        public CutOffBody {
            if (sentBytes < 0 || sentBytes >= body.getBytes(StandardCharsets.UTF_8).length) {
                throw new IllegalArgumentException("sentBytes must be shorter than the body");
            }
        }
    }
}
