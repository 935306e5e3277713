package dev.scimpurge.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sandbox server is seeded and protected.
 *
 * @param users               how many users to seed
 * @param deactivatedFraction share of seeded users with {@code active=false}, 0..1
 * @param latency             delay added before every response
 * @param token               the bearer token every request must carry
 * @param seed                makes ids and the choice of deactivated users reproducible
 * @param personality         which service the sandbox imitates
 */
public record SandboxSettings(int users, double deactivatedFraction, Duration latency, String token, long seed,
                              SandboxPersonality personality) {

    public SandboxSettings {
        if (users < 0) {
            throw new IllegalArgumentException("users must be >= 0, was " + users);
        }
        if (!(deactivatedFraction >= 0.0 && deactivatedFraction <= 1.0)) {
            throw new IllegalArgumentException("deactivatedFraction must be within 0..1, was " + deactivatedFraction);
        }
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        Objects.requireNonNull(token, "token");
        if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("token must be non-blank and contain no whitespace");
        }
        Objects.requireNonNull(personality, "personality");
    }

    /** The {@link SandboxPersonality#GENERIC} sandbox. */
    public SandboxSettings(int users, double deactivatedFraction, Duration latency, String token, long seed) {
        this(users, deactivatedFraction, latency, token, seed, SandboxPersonality.GENERIC);
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(50, 0.2, Duration.ZERO, "sandbox-token", 42L, SandboxPersonality.GENERIC);
    }

    public SandboxSettings withUsers(int newUsers) {
        return new SandboxSettings(newUsers, deactivatedFraction, latency, token, seed, personality);
    }

    public SandboxSettings withDeactivatedFraction(double newFraction) {
        return new SandboxSettings(users, newFraction, latency, token, seed, personality);
    }

    public SandboxSettings withLatency(Duration newLatency) {
        return new SandboxSettings(users, deactivatedFraction, newLatency, token, seed, personality);
    }

    public SandboxSettings withToken(String newToken) {
        return new SandboxSettings(users, deactivatedFraction, latency, newToken, seed, personality);
    }

    public SandboxSettings withSeed(long newSeed) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, newSeed, personality);
    }

    public SandboxSettings withPersonality(SandboxPersonality newPersonality) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, newPersonality);
    }

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return "SandboxSettings[users=" + users + ", deactivatedFraction=" + deactivatedFraction
                + ", latency=" + latency + ", token=<redacted>, seed=" + seed + ", personality=" + personality + "]";
    }
}
