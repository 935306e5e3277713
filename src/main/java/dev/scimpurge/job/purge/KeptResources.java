package dev.scimpurge.job.purge;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The users' SCIM resources as read before their removal ({@code PURGE_REMOVED_RESOURCE}), for {@code restore}. Written
 * before the removal request is sent: in the resolve step's chunk transaction for a lookup's answer, and by the worker
 * that re-read the user (its own statement, committed at once) just before it removes it. A resource holds the user's
 * data; a credential the server should never return ({@code password}) is dropped all the same, and one too large for
 * the column is not kept (a restore then says nothing was kept).
 */
@Repository
public class KeptResources {

    /** The most characters a kept resource may have: H2's TEXT holds at most 1,000,000. */
    static final int MAX_CHARS = 1_000_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public KeptResources(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Keeps the resources of these rows; on the caller's transaction if it has one, else each row committed at once. */
    public void keep(long jobInstanceId, long jobExecutionId, List<Kept> resources) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Stored> storable = resources.stream()
                .map(kept -> new Stored(kept, storable(kept.resource())))
                .filter(stored -> stored.json() != null)
                .toList();
        if (storable.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("DELETE FROM PURGE_REMOVED_RESOURCE WHERE JOB_INSTANCE_ID = ? AND SEQ = ? AND JOB_EXECUTION_ID = ?",
                storable, storable.size(), (ps, stored) -> {
                    ps.setLong(1, jobInstanceId);
                    ps.setLong(2, stored.kept().seq());
                    ps.setLong(3, jobExecutionId);
                });
        jdbc.batchUpdate("""
                INSERT INTO PURGE_REMOVED_RESOURCE (JOB_INSTANCE_ID, SEQ, JOB_EXECUTION_ID, ACCOUNT_ID, RESOURCE_JSON, READ_AT)
                VALUES (?, ?, ?, ?, ?, ?)""", storable, storable.size(), (ps, stored) -> {
            ps.setLong(1, jobInstanceId);
            ps.setLong(2, stored.kept().seq());
            ps.setLong(3, jobExecutionId);
            ps.setString(4, stored.kept().accountId());
            ps.setString(5, stored.json());
            ps.setTimestamp(6, now);
        });
    }

    /** Keeps, for the removals of this execution, each user as re-read just before its removal (on the worker). */
    public RemovalProcessor.Keeper keeperFor(long jobInstanceId, long jobExecutionId) {
        return (candidate, user) -> {
            if (user.resource() != null) {
                keep(jobInstanceId, jobExecutionId, List.of(new Kept(candidate.seq(), user.id(), user.resource())));
            }
        };
    }

    /** Whether a resource was kept for this row of the job instance (by any of its executions). */
    public boolean has(long jobInstanceId, long seq) {
        return !jdbc.queryForList("SELECT 1 FROM PURGE_REMOVED_RESOURCE WHERE JOB_INSTANCE_ID = ? AND SEQ = ? FETCH FIRST 1 ROWS ONLY",
                Integer.class, jobInstanceId, seq).isEmpty();
    }

    /** The latest resource kept for a row of a job instance, as text, with when it was read. */
    public Optional<Read> latest(long jobInstanceId, long seq) {
        return jdbc.query("""
                SELECT RESOURCE_JSON, READ_AT FROM PURGE_REMOVED_RESOURCE WHERE JOB_INSTANCE_ID = ? AND SEQ = ?
                ORDER BY READ_AT DESC, JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY""",
                (rs, row) -> new Read(rs.getString(1), rs.getTimestamp(2).toInstant()), jobInstanceId, seq).stream().findFirst();
    }

    private static @Nullable String storable(JsonNode resource) {
        JsonNode kept = resource;
        if (resource instanceof ObjectNode object && object.has("password")) {
            ObjectNode copy = object.deepCopy();
            copy.remove("password");
            kept = copy;
        }
        String json = kept.toString();
        return json.length() > MAX_CHARS ? null : json;
    }

    private record Stored(Kept kept, @Nullable String json) {
    }

    /** The resource of one row's account, as read. */
    public record Kept(long seq, String accountId, JsonNode resource) {
    }

    /** A kept resource: its JSON, and when it was read. */
    public record Read(String json, Instant readAt) {
    }
}
