package dev.scimpurge.sandbox;

import java.util.Objects;

/**
 * Knobs of {@link SandboxFaults} that are set before a server answers its first request, and set again by
 * {@link SandboxFaults#reset()}: a sandbox that misbehaves from the start, for {@code purge --sandbox} rehearsals and
 * the benchmark. Given with {@link SandboxSettings#withFaults}; it must not call {@link SandboxFaults#reset()} itself.
 */
@FunctionalInterface
public interface FaultPreset {

    /** The default: every knob off, RFC 7644 as written. */
    FaultPreset NONE = faults -> { };

    void applyTo(SandboxFaults faults);

    /** This preset, then {@code next}. */
    default FaultPreset andThen(FaultPreset next) {
        Objects.requireNonNull(next, "next");
        return faults -> {
            applyTo(faults);
            next.applyTo(faults);
        };
    }
}
