package dev.scimpurge.job.guard;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.job.collect.CandidateTable;

/**
 * {@code --deactivated-for}, applied by the guard step of every execution to the planned rows not settled yet: a row
 * is eligible only when its {@code meta.lastModified} (a deactivation modifies the user, so it is never earlier than
 * the deactivation) or the first time a listing of the target saw it deactivated is at least the grace period ago;
 * every other row is deferred until the earlier of the two plus the grace period.
 */
public final class DeactivationGrace {

    private static final int PAGE = 1000;

    private final CandidateTable candidates;
    private final @Nullable OutcomeRepository outcomes;
    private final @Nullable GracePeriod period;
    private final @Nullable String targetKey;
    private final @Nullable Clock clock;

    /** @param targetKey the target's key in PURGE_DEACTIVATION_SEEN */
    public DeactivationGrace(CandidateTable candidates, @Nullable OutcomeRepository outcomes, @Nullable GracePeriod period,
            @Nullable String targetKey, @Nullable Clock clock) {
        this.candidates = candidates;
        this.outcomes = outcomes;
        this.period = period;
        this.targetKey = targetKey;
        this.clock = clock;
    }

    /** No grace period: a CSV run, or a --deactivated run without --deactivated-for. */
    public static DeactivationGrace none(CandidateTable candidates) {
        return new DeactivationGrace(candidates, null, null, null, null);
    }

    public Optional<GracePeriod> period() {
        return Optional.ofNullable(period);
    }

    /** Decides afresh, for every planned row not settled, whether it is deferred and until when; returns how many are. */
    public long apply(long instance) {
        if (period == null) {
            candidates.clearDeferrals(instance);
            return 0;
        }
        Instant now = Objects.requireNonNull(clock).instant();
        String targetKey = Objects.requireNonNull(this.targetKey);
        long deferred = 0;
        long afterSeq = 0;
        for (List<CandidateTable.Sighted> page = candidates.plannedSightedPage(instance, targetKey, afterSeq, PAGE); !page.isEmpty();
                page = candidates.plannedSightedPage(instance, targetKey, afterSeq, PAGE)) {
            List<Long> seqs = new ArrayList<>(page.size());
            List<Instant> until = new ArrayList<>(page.size());
            for (CandidateTable.Sighted row : page) {
                Instant eligible = eligibleFrom(row.candidate().lastModified(), row.firstSeen(), now);
                seqs.add(row.candidate().seq());
                until.add(eligible.isAfter(now) ? eligible : null);
                deferred += eligible.isAfter(now) ? 1 : 0;
            }
            candidates.deferUntil(instance, seqs, until);
            afterSeq = page.get(page.size() - 1).candidate().seq();
        }
        return deferred;
    }

    /**
     * The earlier of the two proofs plus the grace period. With neither (no meta.lastModified and no sighting, which a
     * listing records before this runs, so only a run collected by an older version), the clock starts now.
     */
    private Instant eligibleFrom(@Nullable Instant lastModified, @Nullable Instant firstSeen, Instant now) {
        Instant since = lastModified == null ? firstSeen
                : firstSeen == null ? lastModified
                : lastModified.isBefore(firstSeen) ? lastModified : firstSeen;
        return Objects.requireNonNull(period).eligibleFrom(since == null ? now : since);
    }

    /** Records every deferred row as DEFERRED, with the date it becomes eligible; returns how many. */
    public long recordDeferred(long instance, long execution) {
        if (period == null) {
            return 0;
        }
        long recorded = 0;
        for (List<CandidateTable.Deferred> page = candidates.deferredPage(instance, 0, PAGE); !page.isEmpty();
                page = candidates.deferredPage(instance, 0, PAGE)) {
            List<ItemOutcome> settled = page.stream().map(this::outcome).toList();
            Objects.requireNonNull(outcomes).record(instance, execution, settled);
            recorded += settled.size();
        }
        return recorded;
    }

    private ItemOutcome outcome(CandidateTable.Deferred row) {
        Candidate c = row.candidate();
        String modified = c.lastModified() == null ? "the server sent no meta.lastModified"
                : "last modified " + c.lastModified().truncatedTo(ChronoUnit.SECONDS);
        return new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), c.accountId(), Outcome.DEFERRED, Reasons.GRACE_PERIOD, null,
                "not deactivated for --deactivated-for " + period + " as far as this run can show (" + modified
                        + "); eligible from " + row.until().truncatedTo(ChronoUnit.SECONDS) + "; no request sent");
    }
}
