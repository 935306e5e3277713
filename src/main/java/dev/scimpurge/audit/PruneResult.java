package dev.scimpurge.audit;

/** What {@code history prune} did, or why it did nothing. */
public sealed interface PruneResult {

    /**
     * @param executions       executions removed
     * @param instances        job instances removed (with their executions, or left without any)
     * @param outcomeRows      PURGE_OUTCOME rows removed
     * @param keptExecutions   executions that ended before the date but were kept: their job instance
     *                         has a later or running execution, or its rows come after a kept run's
     * @param anchor           the last row pruned, which the remaining chain starts from
     */
    record Pruned(long executions, long instances, long outcomeRows, long keptExecutions, ChainLink anchor) implements PruneResult {
    }

    /** The rows to be pruned do not verify: pruning them would erase the evidence. Nothing was removed. */
    record Refused(ChainVerification.Broken broken) implements PruneResult {
    }
}
