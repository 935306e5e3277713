package dev.scimpurge.scim;

import java.time.Duration;

/** What the client tells of its requests as they happen, for metrics; {@link #NONE} tells nobody. */
public interface RequestEvents {

    /** Why a request was sent again. */
    enum RetryReason { RETRY_AFTER, BACKOFF }

    RequestEvents NONE = new RequestEvents() {
    };

    /** A request got an answer with this HTTP status. */
    default void answered(String method, int status) {
    }

    /** A request got no answer (connection refused, timed out). */
    default void unanswered(String method) {
    }

    /** The server asked for a pause (429 or 503 with Retry-After); every request waits it out. */
    default void retryAfter(Duration pause) {
    }

    /** A request is sent again. */
    default void retried(RetryReason reason) {
    }
}
