package dev.scimpurge.job.purge;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.throughput.RequestWorkers;

/**
 * {@code --verify all}: a chunk's removals, one request per user or in Bulk requests, and then, on the workers, each
 * row whose removal answered success read back ({@link RemovalVerification}). The read-backs start once every removal
 * of the chunk has been answered, so none of them is ever counted as a removal held back: a failure there leaves the
 * chunk's removals logged as sent, and its continuation takes a 404 as "already gone".
 */
final class VerifiedRemoval implements ChunkRemoval {

    private final ChunkRemoval removal;
    private final RemovalVerification verification;
    private final RequestWorkers workers;

    VerifiedRemoval(ChunkRemoval removal, RemovalVerification verification, RequestWorkers workers) {
        this.removal = removal;
        this.verification = verification;
        this.workers = workers;
    }

    @Override
    public List<ItemOutcome> remove(List<Candidate> candidates, Set<String> sentBefore, Set<Long> unsent) {
        List<ItemOutcome> answered = removal.remove(candidates, sentBefore, unsent);
        return workers.map(IntStream.range(0, candidates.size()).boxed().toList(),
                i -> verification.verify(candidates.get(i), answered.get(i)));
    }

    @Override
    public boolean mayOverlap() {
        return removal.mayOverlap();
    }
}
