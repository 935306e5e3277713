package dev.scimpurge.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
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
import org.springframework.stereotype.Component;

import dev.scimpurge.scim.ScimBaseUrl;

/**
 * One purge per target at a time, across processes and hosts that share the job database: a row per target URL in
 * {@link TargetLockTable}, inserted by the run that takes it, held under a lease the run renews while it goes on, and
 * deleted when it ends. A holder that is gone ({@link OwnerLiveness}) is taken over; one on another host that has
 * missed a renewal is waited for until its lease either is renewed (refused: it runs) or expires (taken over).
 * <p>
 * Before each chunk of removals the run renews its lease itself and stops if the lock is no longer its own
 * ({@link #confirmHeld}): a run that was counted as gone and taken over sends nothing more.
 */
@Component
public class PurgeTargetLock {

    private static final Logger log = LoggerFactory.getLogger(PurgeTargetLock.class);
    private static final int RACES = 3;
    private static final Duration POLL = Duration.ofMillis(500);
    /** How many times a holder without a running execution is looked at again, {@link #POLL} apart. */
    private static final int UNREGISTERED_LOOKS = 6;
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TargetLockTable locks;
    private final JobRepository jobRepository;
    private final ExecutionRegistry registry;
    private final OwnerLiveness liveness;

    public PurgeTargetLock(TargetLockTable locks, JobRepository jobRepository, ExecutionRegistry registry, OwnerLiveness liveness) {
        this.locks = locks;
        this.jobRepository = jobRepository;
        this.registry = registry;
        this.liveness = liveness;
    }

    /**
     * Takes the target's lock for this process, waiting out the lease of a holder on another host that has missed a
     * renewal, or refuses with {@link RunRefusedException.Reason#ALREADY_RUNNING} naming the run that holds it.
     *
     * @param notices told when this run waits for a lease, and when it takes over the lock of a run that is gone
     */
    public Held acquire(ScimBaseUrl target, Consumer<String> notices) throws InterruptedException {
        String key = key(target);
        ExecutionOwner self = ExecutionOwner.current();
        boolean waiting = false;
        int unregisteredLooks = 0;
        for (int race = 0; race < RACES; ) {
            if (locks.insert(key, target.toString(), self)) {
                return new Held(key, self);
            }
            Optional<TargetLockTable.Holder> read = locks.holder(key);
            if (read.isEmpty()) {
                race++;
                continue;
            }
            TargetLockTable.Holder holder = read.get();
            switch (liveness.of(holder.owner(), holder.sinceRenewal())) {
                case ALIVE -> {
                    Optional<JobExecution> running = runningExecutionOf(target, holder.owner());
                    if (running.isEmpty() && unregisteredLooks++ < UNREGISTERED_LOOKS) {
                        // A holder takes the lock a moment before its execution registers and releases it a moment
                        // after its execution ends: look again before refusing a run that may be free to go.
                        Thread.sleep(POLL.toMillis());
                        continue;
                    }
                    throw new RunRefusedException(RunRefusedException.Reason.ALREADY_RUNNING, refusal(target, holder, running));
                }
                case LAPSING -> {
                    if (!waiting) {
                        notices.accept("The purge of " + target + " holding its lock (" + holder.owner() + ") has not renewed its lease for "
                                + holder.sinceRenewal().toSeconds() + " s: waiting up to " + liveness.leaseLeft(holder.sinceRenewal()).toSeconds()
                                + " s for it to expire, then taking over (if it is renewed, that purge runs, and this one is refused).");
                        waiting = true;
                    }
                    Thread.sleep(POLL.toMillis());
                }
                case GONE -> {
                    if (locks.takeOver(key, holder, self)) {
                        notices.accept("The previous purge of " + target + " (" + holder.owner() + ") is gone; taking over its lock.");
                        return new Held(key, self);
                    }
                    race++;
                }
            }
        }
        throw new RunRefusedException(RunRefusedException.Reason.ALREADY_RUNNING,
                "Another purge of " + target + " is claiming it at this very moment; try again shortly.");
    }

    /**
     * Renews this process's lease on the target's lock now, or throws {@link LeaseLostException} if the lock is no
     * longer its own, or the job database cannot say.
     */
    public void confirmHeld(ScimBaseUrl target) {
        String key = key(target);
        boolean held;
        try {
            held = locks.renew(key, ExecutionOwner.current());
        } catch (DataAccessException e) {
            throw new LeaseLostException("This run could not renew its lease on the lock of " + target + " in the job database ("
                    + e.getMostSpecificCause().getMessage() + "): no more removals are sent from here.");
        }
        if (!held) {
            throw new LeaseLostException("This run's lock on " + target + " was taken over by "
                    + locks.holder(key).map(holder -> holder.owner().toString()).orElse("another process")
                    + ", which counted this run as gone (its lease was not renewed in time): no more removals are sent from here.");
        }
    }

    private String refusal(ScimBaseUrl target, TargetLockTable.Holder holder, Optional<JobExecution> running) {
        String since = SINCE.format(holder.acquiredAt().atZoneSameInstant(ZoneId.systemDefault()));
        return running
                .map(e -> "Another purge of " + target + " is in progress: execution " + e.getId() + " ("
                        + PurgeJobParameters.from(e.getJobParameters()).describeSource() + ", run id "
                        + e.getJobParameters().getString(PurgeJobParameters.RUN_ID) + ") in " + holder.owner() + ", since " + since
                        + ". Only one purge runs against a target at a time: wait for it to finish, or stop it with "
                        + "'scim-purge stop " + e.getId() + "'.")
                .orElse("Another purge of " + target + " is in progress in " + holder.owner() + ", since " + since
                        + " (it holds the lock, but has had no running execution for " + POLL.multipliedBy(UNREGISTERED_LOOKS).toSeconds()
                        + " s: it is preparing its run, or finishing one). Only one purge runs against a target at a time: "
                        + "wait for it to finish, then run this again.");
    }

    /** The holder's execution: it registers once the job starts, a moment after taking the lock. */
    private Optional<JobExecution> runningExecutionOf(ScimBaseUrl target, ExecutionOwner owner) {
        return jobRepository.findRunningJobExecutions(PurgeJobConfiguration.JOB_NAME).stream()
                .filter(e -> target.toString().equals(e.getJobParameters().getString(PurgeJobParameters.TARGET)))
                .filter(e -> registry.owner(e.getId()).filter(owner::isSameProcess).isPresent())
                .max(Comparator.comparing(JobExecution::getId));
    }

    /** The key of a target in the tables that hold something per target: the SHA-256 of its URL, which an index can hold. */
    public static String key(ScimBaseUrl target) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(target.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lock this process holds: its lease is renewed every {@code renew-every} until {@link #close()}, which releases it. */
    public final class Held implements AutoCloseable {

        private final String key;
        private final ExecutionOwner owner;
        private final ScheduledExecutorService renewal;

        private Held(String key, ExecutionOwner owner) {
            this.key = key;
            this.owner = owner;
            this.renewal = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "purge-target-lock-lease");
                thread.setDaemon(true);
                return thread;
            });
            long interval = liveness.renewEvery().toMillis();
            renewal.scheduleWithFixedDelay(this::renew, interval, interval, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            try {
                if (!locks.renew(key, owner)) {
                    log.error("This run's target lock was taken over by another process, which judged it gone: "
                            + "it sends no more removals");
                    renewal.shutdown();
                }
            } catch (DataAccessException e) {
                log.warn("Could not renew the lease on the target lock: {}", e.getMessage());
            }
        }

        @Override
        public void close() {
            renewal.shutdown();
            try {
                renewal.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            locks.release(key, owner);
        }
    }
}
