package dev.scimpurge.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PURGE_TARGET_LOCK, one row per target being purged, with its holder and when it last renewed its lease
 * (HEARTBEAT_AT, by the database's clock, so hosts need not agree on the time). Every change is a single statement
 * outside any transaction: the primary key settles a race between two runs inserting, and the VERSION
 * compare-and-set one between a renewal and a takeover.
 */
@Repository
public class TargetLockTable {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public TargetLockTable(JdbcTemplate jdbc, JobDatabaseSchema schema, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A lock's row as read, with the age of its lease by the database's clock. */
    record Holder(ExecutionOwner owner, OffsetDateTime acquiredAt, Duration sinceRenewal, long version) {
    }

    /** @return false when another run holds the lock */
    boolean insert(String key, String target, ExecutionOwner owner) {
        try {
            jdbc.update("""
                    INSERT INTO PURGE_TARGET_LOCK (TARGET_KEY, TARGET, OWNER_HOST, OWNER_PID, OWNER_STARTED_AT,
                        ACQUIRED_AT, HEARTBEAT_AT, VERSION)
                    VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)""",
                    key, target, owner.host(), owner.pid(), startedAt(owner));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Holder> holder(String key) {
        return jdbc.query("""
                SELECT OWNER_HOST, OWNER_PID, OWNER_STARTED_AT, ACQUIRED_AT, HEARTBEAT_AT, VERSION, CURRENT_TIMESTAMP
                FROM PURGE_TARGET_LOCK WHERE TARGET_KEY = ?""", TargetLockTable::holder, key).stream().findFirst();
    }

    private static Holder holder(ResultSet rs, int row) throws SQLException {
        Timestamp startedAt = rs.getTimestamp(3);
        OffsetDateTime renewed = rs.getObject(5, OffsetDateTime.class);
        OffsetDateTime now = rs.getObject(7, OffsetDateTime.class);
        return new Holder(new ExecutionOwner(rs.getString(1), rs.getLong(2), startedAt == null ? null : startedAt.toInstant()),
                rs.getObject(4, OffsetDateTime.class), Duration.between(renewed, now), rs.getLong(6));
    }

    /** Takes the lock from a holder that is gone, unless it renewed its lease (or someone else took it) since it was read. */
    boolean takeOver(String key, Holder gone, ExecutionOwner owner) {
        return jdbc.update("""
                UPDATE PURGE_TARGET_LOCK SET OWNER_HOST = ?, OWNER_PID = ?, OWNER_STARTED_AT = ?,
                    ACQUIRED_AT = CURRENT_TIMESTAMP, HEARTBEAT_AT = CURRENT_TIMESTAMP, VERSION = VERSION + 1
                WHERE TARGET_KEY = ? AND VERSION = ?""",
                owner.host(), owner.pid(), startedAt(owner), key, gone.version()) == 1;
    }

    /**
     * Renews the lease in a transaction of its own, committed at once. Renewed inside a chunk's transaction, the row
     * stayed locked for the whole chunk (its removals, their read-backs), and whoever looked at the lock meanwhile (a
     * second purge, a takeover) waited for it and could fail on the database's lock timeout instead of being told.
     *
     * @return false when {@code owner} no longer holds the lock: it was taken over
     */
    boolean renew(String key, ExecutionOwner owner) {
        Integer updated = ownTransaction.execute(status -> jdbc.update("""
                UPDATE PURGE_TARGET_LOCK SET HEARTBEAT_AT = CURRENT_TIMESTAMP, VERSION = VERSION + 1
                WHERE TARGET_KEY = ? AND OWNER_HOST = ? AND OWNER_PID = ?""", key, owner.host(), owner.pid()));
        return updated != null && updated == 1;
    }

    void release(String key, ExecutionOwner owner) {
        jdbc.update("DELETE FROM PURGE_TARGET_LOCK WHERE TARGET_KEY = ? AND OWNER_HOST = ? AND OWNER_PID = ?",
                key, owner.host(), owner.pid());
    }

    private static @Nullable Timestamp startedAt(ExecutionOwner owner) {
        return owner.processStartedAt() == null ? null : Timestamp.from(owner.processStartedAt());
    }
}
