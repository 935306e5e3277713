package dev.scimpurge.job.purge;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.job.guard.GracePeriod;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.scim.ScimUser;

/**
 * The remove step's first stage, run by {@link DeprovisionWriter} on its workers before each removal. For a run over
 * deactivated users, each account is read again just before its removal: one that was
 * reactivated since the list was taken is left alone. A user that is gone already goes on to the
 * removal, which tells "already gone" from "not found". With a grace period, one modified since it was listed, and
 * last modified within the grace period, is deferred: the change may have been a reactivation and a new deactivation,
 * which the guard step's proof (made from the listing) did not see.
 * <p>
 * The user as re-read is kept ({@link Keeper}) before its removal is sent, for a restore. Where nothing was kept of it yet
 * (a CSV of account ids, a {@code --lookup directory} run) and the run must keep it ({@code scim-purge.job.keep-resources}:
 * {@code all}, or {@code needed} where the restore gives back what the removal takes), the user is read for that alone:
 * a removal whose user could not be read is not sent.
 */
public class RemovalProcessor implements ItemProcessor<Candidate, Resolution> {

    private final ScimClient client;
    private final Retrying retrying;
    private final boolean recheckDeactivated;
    private final @Nullable GracePeriod grace;
    private final Clock clock;
    private final Keeper keeper;
    private final Predicate<Candidate> readFirst;

    /** @param grace {@code --deactivated-for}, or null for none */
    public RemovalProcessor(ScimClient client, Retrying retrying, boolean recheckDeactivated, @Nullable GracePeriod grace, Clock clock) {
        this(client, retrying, recheckDeactivated, grace, clock, Keeper.NONE, candidate -> false);
    }

    /**
     * @param keeper    keeps each user as read before its removal
     * @param readFirst whether to read a user before its removal where the run does not re-read it, to keep it (nothing
     *                  kept of it yet)
     */
    public RemovalProcessor(ScimClient client, Retrying retrying, boolean recheckDeactivated, @Nullable GracePeriod grace, Clock clock,
            Keeper keeper, Predicate<Candidate> readFirst) {
        this.client = client;
        this.retrying = retrying;
        this.recheckDeactivated = recheckDeactivated;
        this.grace = grace;
        this.clock = clock;
        this.keeper = keeper;
        this.readFirst = readFirst;
    }

    /** Keeps a user's resource as read, before its removal is sent; called on the worker that read it. */
    @FunctionalInterface
    public interface Keeper {
        Keeper NONE = (candidate, user) -> {
        };

        void keep(Candidate candidate, ScimUser user);
    }

    @Override
    public Resolution process(Candidate candidate) {
        if (recheckDeactivated || readFirst.test(candidate)) {
            Optional<ScimUser> now;
            try {
                now = retrying.call(attempt -> client.getUser(Objects.requireNonNull(candidate.accountId())));
            } catch (ScimErrorResponseException | IsolatedTransportFailureException | ScimProtocolException e) {
                return new Resolution.Settled(candidate, new ItemOutcome(candidate.seq(), candidate.lineNo(), candidate.inputValue(),
                        candidate.accountId(), Outcome.FAILED, Reasons.LOOKUP_FAILED,
                        e instanceof ScimErrorResponseException error ? error.status() : null,
                        "not removed: could not read the user " + (recheckDeactivated ? "again " : "") + "before its removal ("
                                + e.getMessage() + ")"));
            }
            if (!recheckDeactivated) {
                now.ifPresent(user -> keeper.keep(candidate, user));
                return Resolution.Resolved.asCollected(candidate);
            }
            if (now.isPresent() && !now.get().isDeactivated()) {
                return new Resolution.Settled(candidate, new ItemOutcome(candidate.seq(), candidate.lineNo(), candidate.inputValue(),
                        candidate.accountId(), Outcome.SKIPPED, Reasons.REACTIVATED, null,
                        "reactivated, skipped: the user is active again since the list was taken"));
            }
            if (now.isPresent() && modifiedWithinGraceSinceListed(candidate, now.get().lastModified())) {
                Instant modified = Objects.requireNonNull(now.get().lastModified());
                GracePeriod grace = Objects.requireNonNull(this.grace);
                return new Resolution.Settled(candidate, new ItemOutcome(candidate.seq(), candidate.lineNo(), candidate.inputValue(),
                        candidate.accountId(), Outcome.DEFERRED, Reasons.GRACE_PERIOD, null,
                        "modified since it was listed (last modified " + modified.truncatedTo(ChronoUnit.SECONDS)
                                + "), so not shown to be deactivated for --deactivated-for " + grace + "; eligible from "
                                + grace.eligibleFrom(modified).truncatedTo(ChronoUnit.SECONDS) + " at the earliest; no request sent"));
            }
            now.ifPresent(user -> keeper.keep(candidate, user));
        }
        return Resolution.Resolved.asCollected(candidate);
    }

    private boolean modifiedWithinGraceSinceListed(Candidate candidate, @Nullable Instant modified) {
        return grace != null && modified != null && (candidate.lastModified() == null || modified.isAfter(candidate.lastModified()))
                && grace.eligibleFrom(modified).isAfter(clock.instant());
    }
}
