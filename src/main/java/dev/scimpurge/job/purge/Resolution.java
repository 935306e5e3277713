package dev.scimpurge.job.purge;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.job.collect.Candidate;

/**
 * What the processor decided for one candidate: either the account to remove, or an outcome
 * that is already final (nothing to send).
 */
public sealed interface Resolution {

    Candidate candidate();

    /** The account to remove. */
    record Resolved(Candidate candidate, String accountId) implements Resolution {
    }

    record Settled(Candidate candidate, ItemOutcome outcome) implements Resolution {
    }
}
