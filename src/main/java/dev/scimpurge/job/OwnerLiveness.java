package dev.scimpurge.job;

import java.time.Duration;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import dev.scimpurge.ScimPurgeProperties;

/**
 * Whether the process behind a target lock, or behind a running execution, still runs. On the same host the process
 * table says so at once. From another host, its lease on the target's lock does ({@code scim-purge.job.lease}): a run
 * renews it every {@code renew-every}, and one that has not for {@code expires-after} is gone. A run holds its
 * target's lock from before its execution starts until after it ends, so an execution whose owner no longer holds
 * that lock is gone too.
 */
@Component
public class OwnerLiveness {

    private final ExecutionRegistry registry;
    private final TargetLockTable locks;
    private final ScimPurgeProperties.Lease lease;

    public OwnerLiveness(ExecutionRegistry registry, TargetLockTable locks, ScimPurgeProperties properties) {
        this.registry = registry;
        this.locks = locks;
        this.lease = properties.job().lease();
    }

    /** @param sinceRenewal how long ago the holder last renewed its lease */
    public Liveness of(ExecutionOwner holder, Duration sinceRenewal) {
        Optional<Boolean> seenFromHere = holder.isAliveSeenFromHere();
        if (seenFromHere.isPresent()) {
            return seenFromHere.get() ? Liveness.ALIVE : Liveness.GONE;
        }
        if (sinceRenewal.compareTo(lease.renewEvery()) <= 0) {
            return Liveness.ALIVE;
        }
        return sinceRenewal.compareTo(lease.expiresAfter()) < 0 ? Liveness.LAPSING : Liveness.GONE;
    }

    /**
     * For an execution marked running: whether its owner still runs it. One that never registered an owner (it
     * registers a moment after it starts) counts as alive while another process holds its target's lock.
     */
    public boolean isAlive(JobExecution execution) {
        Optional<ExecutionOwner> owner = registry.owner(execution.getId());
        Optional<Boolean> seenFromHere = owner.flatMap(ExecutionOwner::isAliveSeenFromHere);
        if (seenFromHere.isPresent()) {
            return seenFromHere.get();
        }
        ExecutionOwner self = ExecutionOwner.current();
        return locks.holder(PurgeTargetLock.key(PurgeJobParameters.from(execution.getJobParameters()).target()))
                .filter(holder -> owner.map(holder.owner()::isSameProcess).orElse(!holder.owner().isSameProcess(self)))
                .map(holder -> of(holder.owner(), holder.sinceRenewal()) != Liveness.GONE)
                .orElse(false);
    }

    /** Who left an execution running, and why it counts as gone, for the operator. */
    public String describeGone(JobExecution execution) {
        Optional<ExecutionOwner> owner = registry.owner(execution.getId());
        if (owner.isEmpty()) {
            return "a process that never registered";
        }
        return owner.get() + (owner.get().isAliveSeenFromHere().isPresent()
                ? ", which is no longer running"
                : ", whose lease on the target's lock expired (not renewed for " + seconds(lease.expiresAfter()) + ")");
    }

    public Duration renewEvery() {
        return lease.renewEvery();
    }

    /** How much longer a lease last renewed {@code sinceRenewal} ago lasts. */
    public Duration leaseLeft(Duration sinceRenewal) {
        Duration left = lease.expiresAfter().minus(sinceRenewal);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
