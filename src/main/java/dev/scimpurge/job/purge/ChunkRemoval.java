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
     * @param unsent     collects, from any worker, the sequence number of each row whose removal surely did not reach the
     *                   server: its re-read failed, or its first attempt was held back ({@code RequestNotSentException}).
     *                   Every request an {@code AccountRemoval} makes before the one that removes is answered first, so a
     *                   held-back request in the first attempt means the removal did not happen.
     * @return one outcome per candidate, in the candidates' order
     */
    List<ItemOutcome> remove(List<Candidate> candidates, Set<String> sentBefore, Set<Long> unsent);

    /**
     * Whether the next chunk's removals may go out while this one's are answered ({@link RemovalPipeline}); {@code remove}
     * is then called from two threads at once. Yes unless a chunk's requests decide how the next chunk's are sent.
     */
    default boolean mayOverlap() {
        return true;
    }
}
