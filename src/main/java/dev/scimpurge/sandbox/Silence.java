package dev.scimpurge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A server that stops answering part-way, set with {@link SandboxFaults#stopAnsweringAfter}: once {@code answered}
 * requests with the trigger method have arrived, the next one and every request after it, of any method, is held
 * without an answer. Tells a test when that began and how many requests it held. Thread-safe.
 */
public final class Silence {

    private final String method;
    private final Duration hold;
    private final AtomicInteger answeredLeft;
    private final AtomicInteger held = new AtomicInteger();
    private volatile @Nullable Instant began;

    Silence(String method, int answered, Duration hold) {
        if (answered < 0) {
            throw new IllegalArgumentException("answered must not be negative, was " + answered);
        }
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("hold must be positive, was " + hold);
        }
        this.method = Objects.requireNonNull(method, "method");
        this.hold = hold;
        this.answeredLeft = new AtomicInteger(answered);
    }

    /** How many requests were held without an answer so far. */
    public int held() {
        return held.get();
    }

    /** When the first request was held; empty while the server still answers. */
    public Optional<Instant> began() {
        return Optional.ofNullable(began);
    }

    Duration hold() {
        return hold;
    }

    /** Whether this request goes unanswered; counts it if so. */
    boolean holds(String requestMethod) {
        if (began == null) {
            boolean trigger = method.equalsIgnoreCase(requestMethod);
            if (!trigger || answeredLeft.getAndDecrement() > 0) {
                return false;
            }
            synchronized (this) {
                if (began == null) {
                    began = Instant.now();
                }
            }
        }
        held.incrementAndGet();
        return true;
    }
}
