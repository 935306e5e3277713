package dev.scimpurge.scim;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Sends a request again when its failure may pass: no answer at all, a 5xx (except 501 and 505,
 * which do not change), or a 429 that came without Retry-After (those with it are waited out by
 * {@link ScimClient} itself). Authorization failures and other 4xx are final at once.
 * <p>
 * A transport failure while {@link TransportHealth} says the server is down is not retried: it is
 * thrown as it is, and stops the job restartably; an outage does not become thousands of failed
 * rows. From then on {@link ScimClient} sends nothing, first attempts included ({@link RequestNotSentException}). A request that kept failing in transport while others were answered ends in
 * {@link IsolatedTransportFailureException}, which the caller records as this row's failure.
 */
public final class Retrying {

    private final RetryPolicy policy;
    private final TransportHealth health;

    private final RequestEvents events;

    public Retrying(RetryPolicy policy, TransportHealth health) {
        this(policy, health, RequestEvents.NONE);
    }

    public Retrying(RetryPolicy policy, TransportHealth health, RequestEvents events) {
        this.policy = policy;
        this.health = health;
        this.events = events;
    }

    /** One attempt; {@code attempt} counts from 1, so that a caller can tell a first request from a repeat. */
    public interface Attempt<T> {
        T run(int attempt);
    }

    public <T> T call(Attempt<T> request) {
        return call(request, error -> false);
    }

    /** @param settled error answers that are final although their status would be retried (a known, permanent refusal) */
    public <T> T call(Attempt<T> request, Predicate<ScimErrorResponseException> settled) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.run(attempt);
            } catch (ScimTransportException e) {
                if (health.isDown()) {
                    throw e;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw new IsolatedTransportFailureException(e, attempt);
                }
            } catch (ScimErrorResponseException e) {
                if (!isTransient(e.status()) || settled.test(e) || attempt >= policy.maxAttempts()) {
                    throw e;
                }
            }
            events.retried(RequestEvents.RetryReason.BACKOFF);
            pauseBefore(attempt + 1);
        }
    }

    /** Whether an error status may pass if the request is sent again. */
    public static boolean isTransient(int status) {
        return status == 429 || status >= 500 && status != 501 && status != 505;
    }

    /** How many times a request is sent in all, at most. */
    public int maxAttempts() {
        return policy.maxAttempts();
    }

    /** Whether a transport failure now means an outage, to stop the job on, rather than one unlucky request. */
    public boolean serverIsDown() {
        return health.isDown();
    }

    /** The backoff (with jitter) before attempt number {@code attempt}, 2 being the first repeat. */
    public void pauseBefore(int attempt) {
        long longest = policy.longestPauseBefore(attempt).toMillis();
        try {
            Thread.sleep(longest <= 0 ? 0 : ThreadLocalRandom.current().nextLong(longest + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScimTransportException("interrupted while waiting to retry", e);
        }
    }
}
