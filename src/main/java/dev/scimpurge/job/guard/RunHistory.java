package dev.scimpurge.job.guard;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the guard step of each real execution of one target and kind of run saw (PURGE_EXECUTION's GUARD_ columns),
 * and the figures of the target's earlier completed runs that the history guards compare with. The figures are written
 * in the guard step's transaction, so a refused execution leaves none. A run counts once it has completed (a refused,
 * failed, stopped or abandoned run does not), with the figures of its first execution that passed the guards: the plan
 * as it went ahead.
 */
public final class RunHistory {

    /** One earlier completed run of the target: its instance, the execution whose figures these are, and the figures. */
    public record Run(long instance, long execution, long planned, @Nullable Long directorySize, @Nullable Long deactivated) {
    }

    private final JdbcTemplate jdbc;
    private final String targetKey;
    private final String source;
    private final boolean deactivatedListing;

    /**
     * @param targetKey          the target's key ({@code PurgeTargetLock.key})
     * @param source             the kind of run, lower case ({@code deactivated}, {@code csv}, ...)
     * @param deactivatedListing whether the run's rows are the service's listing of deactivated users
     */
    public RunHistory(JdbcTemplate jdbc, String targetKey, String source, boolean deactivatedListing) {
        this.jdbc = jdbc;
        this.targetKey = targetKey;
        this.source = source;
        this.deactivatedListing = deactivatedListing;
    }

    /** How many users the run's listing of deactivated users held; null for a run that did not list them. */
    public @Nullable Long deactivatedListed(long instance) {
        return deactivatedListing
                ? jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ?", Long.class, instance)
                : null;
    }

    /** Records what this execution's guard step saw. */
    public void record(long execution, long planned, @Nullable Long directorySize, @Nullable Long deactivated) {
        jdbc.update("""
                UPDATE PURGE_EXECUTION SET GUARD_TARGET_KEY = ?, GUARD_SOURCE = ?, GUARD_PLANNED = ?, GUARD_DIRECTORY_SIZE = ?,
                GUARD_DEACTIVATED = ? WHERE JOB_EXECUTION_ID = ?""", targetKey, source, planned, directorySize, deactivated, execution);
    }

    /** The latest completed runs of the target and kind, other than {@code instance}, newest first, at most {@code limit}. */
    public List<Run> completedBefore(long instance, int limit) {
        return jdbc.query("""
                SELECT e.JOB_INSTANCE_ID, e.JOB_EXECUTION_ID, e.GUARD_PLANNED, e.GUARD_DIRECTORY_SIZE, e.GUARD_DEACTIVATED
                FROM PURGE_EXECUTION e
                WHERE e.GUARD_TARGET_KEY = ? AND e.GUARD_SOURCE = ? AND e.JOB_INSTANCE_ID <> ?
                AND e.JOB_EXECUTION_ID = (SELECT MIN(f.JOB_EXECUTION_ID) FROM PURGE_EXECUTION f
                    WHERE f.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND f.GUARD_PLANNED IS NOT NULL)
                AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION b WHERE b.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND b.STATUS = 'COMPLETED')
                ORDER BY e.JOB_EXECUTION_ID DESC
                FETCH FIRST ? ROWS ONLY""",
                (rs, i) -> new Run(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, Long.class), rs.getObject(5, Long.class)),
                targetKey, source, instance, limit);
    }

    /** The median of the runs' planned removals (the mean of the middle two of an even number). */
    public static double medianPlanned(List<Run> runs) {
        long[] planned = runs.stream().mapToLong(Run::planned).sorted().toArray();
        int middle = planned.length / 2;
        return planned.length % 2 == 1 ? planned[middle] : (planned[middle - 1] + planned[middle]) / 2.0;
    }
}
