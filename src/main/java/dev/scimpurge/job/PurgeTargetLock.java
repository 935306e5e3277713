package dev.scimpurge.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.scimpurge.scim.ScimBaseUrl;

/**
 * One purge per target at a time, across processes and hosts that share the job database: a
 * PURGE_TARGET_LOCK row per target URL, inserted by the run that takes it, kept fresh by a
 * heartbeat while the run goes on, and deleted when it ends. A row whose owner is gone (killed,
 * crashed, host lost, as {@link OwnerLiveness} decides) is taken over.
 * <p>
 * Every change is a single statement outside any transaction: the primary key settles a race
 * between two runs inserting, and the VERSION compare-and-set one between two taking over.
 */
@Repository
public class PurgeTargetLock {

    private static final Logger log = LoggerFactory.getLogger(PurgeTargetLock.class);
    private static final int ATTEMPTS = 3;
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;
    private final ExecutionRegistry registry;
    private final OwnerLiveness liveness;

    public PurgeTargetLock(JdbcTemplate jdbc, JobRepository jobRepository, ExecutionRegistry registry, OwnerLiveness liveness,
            JobDatabaseSchema schema) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.registry = registry;
        this.liveness = liveness;
    }

    /**
     * Takes the target's lock for this process, or refuses with {@link RunRefusedException.Reason#ALREADY_RUNNING}
     * naming the run that holds it.
     *
     * @param notices told when the lock of a dead run is taken over
     */
    public Held acquire(ScimBaseUrl target, Consumer<String> notices) {
        String key = key(target);
        ExecutionOwner self = ExecutionOwner.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (insert(key, target, self)) {
                return new Held(key, self);
            }
            Optional<Holder> holder = holder(key);
            if (holder.isEmpty()) {
                continue;
            }
            if (liveness.isAlive(holder.get().owner(), holder.get().silence())) {
                throw new RunRefusedException(RunRefusedException.Reason.ALREADY_RUNNING, refusal(target, holder.get()));
            }
            if (takeOver(key, holder.get(), self)) {
                notices.accept("The previous purge of " + target + " (" + holder.get().owner()
                        + ") is gone; taking over its lock.");
                return new Held(key, self);
            }
        }
        throw new RunRefusedException(RunRefusedException.Reason.ALREADY_RUNNING,
                "Another purge of " + target + " is claiming it at this very moment; try again shortly.");
    }

    private boolean insert(String key, ScimBaseUrl target, ExecutionOwner owner) {
        try {
            jdbc.update("""
                    INSERT INTO PURGE_TARGET_LOCK (TARGET_KEY, TARGET, OWNER_HOST, OWNER_PID, OWNER_STARTED_AT,
                        ACQUIRED_AT, HEARTBEAT_AT, VERSION)
                    VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)""",
                    key, target.toString(), owner.host(), owner.pid(), startedAt(owner));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private Optional<Holder> holder(String key) {
        List<Holder> holders = jdbc.query("""
                SELECT OWNER_HOST, OWNER_PID, OWNER_STARTED_AT, ACQUIRED_AT, HEARTBEAT_AT, VERSION, CURRENT_TIMESTAMP
                FROM PURGE_TARGET_LOCK WHERE TARGET_KEY = ?""", PurgeTargetLock::holder, key);
        return holders.stream().findFirst();
    }

    private static Holder holder(ResultSet rs, int row) throws SQLException {
        Timestamp startedAt = rs.getTimestamp(3);
        OffsetDateTime heartbeat = rs.getObject(5, OffsetDateTime.class);
        OffsetDateTime now = rs.getObject(7, OffsetDateTime.class);
        return new Holder(new ExecutionOwner(rs.getString(1), rs.getLong(2), startedAt == null ? null : startedAt.toInstant()),
                rs.getObject(4, OffsetDateTime.class), Duration.between(heartbeat, now), rs.getLong(6));
    }

    private boolean takeOver(String key, Holder dead, ExecutionOwner owner) {
        return jdbc.update("""
                UPDATE PURGE_TARGET_LOCK SET OWNER_HOST = ?, OWNER_PID = ?, OWNER_STARTED_AT = ?,
                    ACQUIRED_AT = CURRENT_TIMESTAMP, HEARTBEAT_AT = CURRENT_TIMESTAMP, VERSION = VERSION + 1
                WHERE TARGET_KEY = ? AND VERSION = ?""",
                owner.host(), owner.pid(), startedAt(owner), key, dead.version()) == 1;
    }

    private String refusal(ScimBaseUrl target, Holder holder) {
        String since = SINCE.format(holder.acquiredAt().atZoneSameInstant(ZoneId.systemDefault()));
        return runningExecutionOf(target, holder.owner())
                .map(e -> "Another purge of " + target + " is in progress: execution " + e.getId() + " ("
                        + PurgeJobParameters.from(e.getJobParameters()).describeSource() + ", run id "
                        + e.getJobParameters().getString(PurgeJobParameters.RUN_ID) + ") in " + holder.owner() + ", since " + since
                        + ". Only one purge runs against a target at a time: wait for it to finish, or stop it with "
                        + "'scim-purge stop " + e.getId() + "'.")
                .orElse("Another purge of " + target + " is in progress in " + holder.owner() + ", since " + since
                        + " (its execution is not registered yet). Only one purge runs against a target at a time: "
                        + "wait for it to finish.");
    }

    /** The holder's execution: it registers once the job starts, a moment after taking the lock. */
    private Optional<JobExecution> runningExecutionOf(ScimBaseUrl target, ExecutionOwner owner) {
        return jobRepository.findRunningJobExecutions(PurgeJobConfiguration.JOB_NAME).stream()
                .filter(e -> target.toString().equals(e.getJobParameters().getString(PurgeJobParameters.TARGET)))
                .filter(e -> registry.owner(e.getId())
                        .filter(o -> o.host().equals(owner.host()) && o.pid() == owner.pid())
                        .isPresent())
                .max(Comparator.comparing(JobExecution::getId));
    }

    private static Timestamp startedAt(ExecutionOwner owner) {
        return owner.processStartedAt() == null ? null : Timestamp.from(owner.processStartedAt());
    }

    static String key(ScimBaseUrl target) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(target.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lock's row as read, with its age by the database's clock. */
    private record Holder(ExecutionOwner owner, OffsetDateTime acquiredAt, Duration silence, long version) {
    }

    /** A lock this process holds: its heartbeat runs until {@link #close()}, which releases it. */
    public final class Held implements AutoCloseable {

        private final String key;
        private final ExecutionOwner owner;
        private final ScheduledExecutorService heartbeat;

        private Held(String key, ExecutionOwner owner) {
            this.key = key;
            this.owner = owner;
            this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "purge-target-lock-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            long interval = liveness.signOfLifeInterval().toMillis();
            heartbeat.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
        }

        private void beat() {
            try {
                int updated = jdbc.update("""
                        UPDATE PURGE_TARGET_LOCK SET HEARTBEAT_AT = CURRENT_TIMESTAMP, VERSION = VERSION + 1
                        WHERE TARGET_KEY = ? AND OWNER_HOST = ? AND OWNER_PID = ?""", key, owner.host(), owner.pid());
                if (updated == 0) {
                    log.error("This run's target lock was taken over by another process, which judged it dead: "
                            + "two purges may now run against the same target");
                }
            } catch (DataAccessException e) {
                log.warn("Could not refresh the target lock: {}", e.getMessage());
            }
        }

        @Override
        public void close() {
            heartbeat.shutdown();
            try {
                heartbeat.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            jdbc.update("DELETE FROM PURGE_TARGET_LOCK WHERE TARGET_KEY = ? AND OWNER_HOST = ? AND OWNER_PID = ?",
                    key, owner.host(), owner.pid());
        }
    }
}
