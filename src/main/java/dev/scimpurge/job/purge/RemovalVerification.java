package dev.scimpurge.job.purge;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.provider.RemovalEffect;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.scim.ScimUser;

/**
 * Reads a removed account back ({@code GET /Users/{id}}, a read: paced as one) after its removal answered success: a
 * 404, or {@code active=false} where the removal deactivates, confirms it. An account still there is read again, with
 * backoff, until the profile's {@code verify.settle-within} has passed since the first read; then it is
 * {@link Outcome#NOT_REMOVED}, with the status and {@code active} the server answered. A read that fails leaves the
 * removal's outcome, saying that it could not be verified; a server that does not answer at all stops the job as any
 * request does (the chunk rolls back, and its continuation sends the removals again, where the attempt log tells
 * "already gone").
 */
final class RemovalVerification {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final ScimClient client;
    private final Retrying retrying;
    private final RemovalEffect effect;
    private final Duration settleWithin;

    RemovalVerification(ScimClient client, Retrying retrying, RemovalEffect effect, Duration settleWithin) {
        this.client = client;
        this.retrying = retrying;
        this.effect = effect;
        this.settleWithin = settleWithin;
    }

    /** The outcome of a row whose removal answered {@code removed}: the same when it is confirmed, or not a removal. */
    ItemOutcome verify(Candidate candidate, ItemOutcome removed) {
        if (removed.outcome() != Outcome.DELETED) {
            return removed;
        }
        String id = Objects.requireNonNull(candidate.accountId());
        long start = System.nanoTime();
        Duration pause = FIRST_PAUSE;
        for (int reads = 1;; reads++) {
            Optional<ScimUser> now;
            try {
                now = retrying.call(attempt -> client.getUser(id));
            } catch (ScimErrorResponseException | IsolatedTransportFailureException | ScimProtocolException e) {
                return new ItemOutcome(removed.seq(), removed.lineNo(), removed.inputValue(), removed.accountId(), removed.outcome(),
                        removed.reason(), removed.httpStatus(), removed.message() + "; not verified: reading the account back failed ("
                                + e.getMessage() + ")");
            }
            if (now.isEmpty() || effect == RemovalEffect.DEACTIVATED && now.get().isDeactivated()) {
                return removed;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(settleWithin) >= 0) {
                return notRemoved(removed, now.get(), reads, waited);
            }
            sleep(min(pause, settleWithin.minus(waited)));
            pause = min(pause.multipliedBy(2), LONGEST_PAUSE);
        }
    }

    private ItemOutcome notRemoved(ItemOutcome removed, ScimUser found, int reads, Duration waited) {
        String active = found.active() == null ? "not given" : found.active().toString();
        String message = "not removed: the removal answered " + removed.httpStatus() + ", but the account is still there"
                + (effect == RemovalEffect.DEACTIVATED ? " and not deactivated" : "") + ": GET answered 200 with active="
                + active + " (" + reads + (reads == 1 ? " read" : " reads") + " over "
                + String.format(Locale.ROOT, "%.1f", waited.toMillis() / 1000.0) + " s; the profile's verify.settle-within is "
                + String.format(Locale.ROOT, "%.1f", settleWithin.toMillis() / 1000.0) + " s); check the account and run again";
        return new ItemOutcome(removed.seq(), removed.lineNo(), removed.inputValue(), removed.accountId(), Outcome.NOT_REMOVED,
                Reasons.STILL_PRESENT, 200, message);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read a removed account back", e);
        }
    }
}
