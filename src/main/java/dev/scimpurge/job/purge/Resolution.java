package dev.scimpurge.job.purge;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.job.collect.Candidate;

/**
 * What the processor decided for one candidate: either the account to remove, or an outcome
 * that is already final (nothing to send).
 */
public sealed interface Resolution {

    Candidate candidate();

    /**
     * The account to remove, with the addresses and userName it was found by, and its resource as the lookup or re-read
     * got it (null where nothing was read), to keep before the removal.
     */
    record Resolved(Candidate candidate, String accountId, List<String> accountNames, @Nullable JsonNode resource) implements Resolution {

        public Resolved {
            accountNames = List.copyOf(accountNames);
        }

        public Resolved(Candidate candidate, String accountId, List<String> accountNames) {
            this(candidate, accountId, accountNames, null);
        }

        /** A candidate whose account was known before this step (listed, or an id in the input). */
        public static Resolved asCollected(Candidate candidate) {
            return new Resolved(candidate, Objects.requireNonNull(candidate.accountId()), candidate.accountNames());
        }
    }

    record Settled(Candidate candidate, ItemOutcome outcome) implements Resolution {
    }
}
