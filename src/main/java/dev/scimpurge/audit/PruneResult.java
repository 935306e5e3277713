package dev.scimpurge.audit;

import java.nio.file.Path;
import java.util.Set;

/** What {@code history prune} did, or why it did nothing. */
public sealed interface PruneResult {

    /**
     * @param executions       executions removed
     * @param instances        job instances removed (with their executions, or left without any)
     * @param outcomeRows      PURGE_OUTCOME rows removed
     * @param keptExecutions   executions that ended before the date but were kept: their job instance
     *                         has a later or running execution, or its rows come after a kept run's
     * @param anchor           the last row pruned, which the remaining chain starts from
     * @param reportFiles      the report files the removed executions wrote, to remove once the prune has committed
     */
    record Pruned(long executions, long instances, long outcomeRows, long keptExecutions, ChainLink anchor, Set<Path> reportFiles)
            implements PruneResult {

        public Pruned {
            reportFiles = Set.copyOf(reportFiles);
        }
    }

    /** The rows to be pruned do not verify: pruning them would erase the evidence. Nothing was removed. */
    record Refused(ChainVerification.Broken broken) implements PruneResult {
    }
}
