package dev.scimpurge.audit;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import dev.scimpurge.audit.ChainVerification.Broken;
import dev.scimpurge.audit.ChainVerification.Intact;
import dev.scimpurge.audit.OutcomeChain.ChainEnds;
import dev.scimpurge.job.JobDatabaseSchema;

/**
 * Removes old runs: every job instance whose executions all ended before a date, with its
 * outcome rows, removal attempts, candidates, the record of its report files and Spring Batch
 * rows. Run it in one transaction; the report files themselves go once it has committed.
 * <p>
 * A job instance goes whole or not at all: its outcome rows span its executions. And the outcome
 * chain is cut only at its start, so that the rows that remain chain from the last one removed
 * (the new anchor): an instance whose rows come after those of a run that stays is kept until
 * that run goes too. The rows to be removed are verified first; if they do not, nothing is
 * removed, so that pruning cannot erase the evidence of tampering.
 */
public final class RetentionPruner {

    private static final String RUNNING = "'STARTING', 'STARTED', 'STOPPING'";

    private final JdbcTemplate jdbc;
    private final OutcomeChain chain;
    private final ChainVerifier verifier;

    public RetentionPruner(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.chain = new OutcomeChain(jdbc);
        this.verifier = new ChainVerifier(jdbc);
    }

    public PruneResult pruneEndedBefore(LocalDateTime before, LocalDateTime now) {
        ChainLink anchor = chain.lockAnchor();
        Map<Long, Long> executions = new HashMap<>();
        Set<Long> pruned = new HashSet<>();
        jdbc.query("""
                SELECT i.JOB_INSTANCE_ID, COUNT(e.JOB_EXECUTION_ID),
                    SUM(CASE WHEN e.END_TIME < ? AND e.STATUS NOT IN (%s) THEN 1 ELSE 0 END)
                FROM BATCH_JOB_INSTANCE i LEFT JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
                GROUP BY i.JOB_INSTANCE_ID""".formatted(RUNNING), (RowCallbackHandler) rs -> {
            long instance = rs.getLong(1);
            long endedBefore = rs.getLong(3);
            executions.put(instance, endedBefore);
            if (rs.getLong(2) == endedBefore) {
                pruned.add(instance);
            }
        }, before);
        Map<Long, long[]> outcomeIds = new HashMap<>();
        jdbc.query("SELECT JOB_INSTANCE_ID, MIN(OUTCOME_ID), MAX(OUTCOME_ID) FROM PURGE_OUTCOME GROUP BY JOB_INSTANCE_ID",
                (RowCallbackHandler) rs -> outcomeIds.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)}));
        long keptExecutions = keepWhatTheChainNeeds(pruned, outcomeIds, executions);

        long lastPruned = pruned.stream().filter(outcomeIds::containsKey).mapToLong(i -> Objects.requireNonNull(outcomeIds.get(i))[1])
                .max().orElse(anchor.outcomeId());
        ChainLink newAnchor = anchor;
        if (lastPruned > anchor.outcomeId()) {
            ChainVerification removed = verifier.verifyThrough(new ChainEnds(anchor, 0, anchor), lastPruned);
            if (removed instanceof Broken broken) {
                return new PruneResult.Refused(broken);
            }
            newAnchor = ((Intact) removed).head();
        }
        long executionsRemoved = 0;
        long outcomeRows = 0;
        boolean reportFilesRecorded = hasTable("PURGE_REPORT_FILE");
        boolean resourcesKept = hasTable("PURGE_REMOVED_RESOURCE");
        Set<Path> reportFiles = new HashSet<>();
        for (long instance : pruned) {
            reportFiles.addAll(reportFilesOf(instance, reportFilesRecorded));
            outcomeRows += jdbc.update("DELETE FROM PURGE_OUTCOME WHERE JOB_INSTANCE_ID = ?", instance);
            if (resourcesKept) {
                // the users' data kept for a restore goes with its run
                jdbc.update("DELETE FROM PURGE_REMOVED_RESOURCE WHERE JOB_INSTANCE_ID = ?", instance);
            }
            executionsRemoved += removeInstance(instance, before, reportFilesRecorded);
        }
        if (outcomeRows > 0) {
            chain.moveAnchor(newAnchor, outcomeRows, now);
        }
        return new PruneResult.Pruned(executionsRemoved, pruned.size(), outcomeRows, keptExecutions, newAnchor, reportFiles);
    }

    /**
     * The files an instance's executions wrote: as recorded, and for executions of an earlier
     * version, which recorded only its failure report, that report.
     */
    private List<Path> reportFilesOf(long instance, boolean recorded) {
        String query = "SELECT REPORT_PATH FROM PURGE_EXECUTION WHERE JOB_INSTANCE_ID = ? AND REPORT_PATH IS NOT NULL";
        if (!recorded) {
            return jdbc.queryForList(query, String.class, instance).stream().map(Path::of).toList();
        }
        return jdbc.queryForList(query + " UNION SELECT FILE_PATH FROM PURGE_REPORT_FILE WHERE JOB_INSTANCE_ID = ?", String.class,
                instance, instance).stream().map(Path::of).toList();
    }

    /** A job database that no purge of this version has opened yet lacks the newer tables (PURGE_REPORT_FILE, PURGE_REMOVED_RESOURCE). */
    private boolean hasTable(String table) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                JobDatabaseSchema.tableExists(connection.getMetaData(), table)));
    }

    /**
     * Narrows {@code pruned} until the rows it removes are exactly the rows before the first row
     * that stays: keeping an instance keeps its rows, which may keep later instances. Returns how
     * many executions that ended before the date are kept.
     */
    private static long keepWhatTheChainNeeds(Set<Long> pruned, Map<Long, long[]> outcomeIds, Map<Long, Long> endedBefore) {
        boolean narrowed;
        do {
            long firstKept = outcomeIds.entrySet().stream().filter(e -> !pruned.contains(e.getKey()))
                    .mapToLong(e -> e.getValue()[0]).min().orElse(Long.MAX_VALUE);
            narrowed = pruned.removeIf(instance -> outcomeIds.containsKey(instance) && outcomeIds.get(instance)[1] >= firstKept);
        } while (narrowed);
        return endedBefore.entrySet().stream().filter(e -> !pruned.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Everything else of one instance. Only executions that ended before the date are deleted: an
     * execution started meanwhile (a restart) keeps the instance row, whose deletion then fails
     * and rolls the whole prune back.
     */
    private long removeInstance(long instance, LocalDateTime before, boolean reportFilesRecorded) {
        if (reportFilesRecorded) {
            jdbc.update("DELETE FROM PURGE_REPORT_FILE WHERE JOB_INSTANCE_ID = ?", instance);
        }
        jdbc.update("DELETE FROM PURGE_REMOVAL_ATTEMPT WHERE JOB_INSTANCE_ID = ?", instance);
        jdbc.update("DELETE FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ?", instance);
        jdbc.update("DELETE FROM PURGE_EXECUTION WHERE JOB_INSTANCE_ID = ?", instance);
        String executions = "SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?";
        jdbc.update("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN "
                + "(SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + "))", instance);
        jdbc.update("DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + ")", instance);
        jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (" + executions + ")", instance);
        jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (" + executions + ")", instance);
        int removed = jdbc.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? AND END_TIME < ?"
                + " AND STATUS NOT IN (" + RUNNING + ")", instance, before);
        jdbc.update("DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = ?", instance);
        return removed;
    }
}
