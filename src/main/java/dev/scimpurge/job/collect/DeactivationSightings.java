package dev.scimpurge.job.collect;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.scimpurge.job.PurgeTargetLock;
import dev.scimpurge.scim.ScimBaseUrl;

/**
 * The PURGE_DEACTIVATION_SEEN table: when each account of a target was first seen deactivated, kept across runs so that
 * a grace period ({@code --deactivated-for}) can be proven on a server that does not send {@code meta.lastModified}.
 */
@Repository
public class DeactivationSightings {

    private final JdbcTemplate jdbc;

    public DeactivationSightings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * After a listing of the deactivated users into {@code jobInstanceId}'s candidates: an account listed for the first time
     * is seen deactivated from {@code now}; an account that is not listed any more (active again, or gone) is forgotten,
     * so that its next deactivation starts over. Forgetting only ever makes the proof harder, never easier: a listing
     * that missed users (a server that pages badly) defers them longer, it never removes one sooner.
     */
    public void recordListing(ScimBaseUrl target, long jobInstanceId, Instant now) {
        String key = PurgeTargetLock.key(target);
        jdbc.update("""
                DELETE FROM PURGE_DEACTIVATION_SEEN WHERE TARGET_KEY = ? AND NOT EXISTS (SELECT 1 FROM PURGE_CANDIDATE c
                    WHERE c.JOB_INSTANCE_ID = ? AND c.ACCOUNT_ID = PURGE_DEACTIVATION_SEEN.ACCOUNT_ID)""", key, jobInstanceId);
        jdbc.update("""
                INSERT INTO PURGE_DEACTIVATION_SEEN (TARGET_KEY, ACCOUNT_ID, FIRST_SEEN_AT)
                SELECT DISTINCT ?, c.ACCOUNT_ID, CAST(? AS TIMESTAMP WITH TIME ZONE) FROM PURGE_CANDIDATE c
                WHERE c.JOB_INSTANCE_ID = ? AND c.ACCOUNT_ID IS NOT NULL AND NOT EXISTS (SELECT 1 FROM PURGE_DEACTIVATION_SEEN s
                    WHERE s.TARGET_KEY = ? AND s.ACCOUNT_ID = c.ACCOUNT_ID)""",
                key, now.atOffset(ZoneOffset.UTC), jobInstanceId, key);
    }
}
