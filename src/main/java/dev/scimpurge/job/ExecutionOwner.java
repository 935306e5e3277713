package dev.scimpurge.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The process that runs a job execution: enough to tell later whether it is still alive. */
public record ExecutionOwner(String host, long pid, @Nullable Instant processStartedAt) {

    public static ExecutionOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ExecutionOwner(localHostName(), self.pid(), self.info().startInstant().orElse(null));
    }

    /**
     * Whether this owner is still running, as far as this host can tell: empty when the owner
     * is on another host and only its lease can decide.
     */
    public Optional<Boolean> isAliveSeenFromHere() {
        if (!host.equals(localHostName())) {
            return Optional.empty();
        }
        return Optional.of(ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> processStartedAt == null
                        || p.info().startInstant().map(this::sameStart).orElse(true))
                .isPresent());
    }

    /** The same host and pid (a start time read back from the job database may be rounded). */
    public boolean isSameProcess(ExecutionOwner other) {
        return host.equals(other.host) && pid == other.pid;
    }

    /** A reused pid belongs to a process that started later; allow for clock-tick rounding. */
    private boolean sameStart(Instant startedAt) {
        return Math.abs(Duration.between(processStartedAt, startedAt).toMillis()) < 2000;
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
    }

    @Override
    public String toString() {
        return "process " + pid + " on " + host;
    }
}
