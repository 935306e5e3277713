package dev.scimpurge.job.purge;

import java.util.List;
import java.util.Set;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.job.collect.Candidate;

/** How {@link DeprovisionWriter} sends one chunk's removals: one request per user, or SCIM Bulk requests. */
interface ChunkRemoval {

    /**
     * Re-reads each candidate where the run asks for it, removes the rest, and says what happened.
     *
     * @param sentBefore the accounts this job instance had sent a removal for before this chunk
     * @return one outcome per candidate, in the candidates' order
     */
    List<ItemOutcome> remove(List<Candidate> candidates, Set<String> sentBefore);
}
