package dev.scimpurge.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens Anaplan's auth service hands out. A token works until it expires, until it is refreshed (the refresh
 * replaces it), or until {@link SandboxFaults#expireTokens()}. Thread-safe.
 */
final class AnaplanTokens {

    /** @param expiryGeneration {@link SandboxFaults#tokenExpiries()} when the token was issued */
    record Token(String tokenId, String value, String refreshTokenId, Instant expiresAt, long expiryGeneration) {

        /** Keeps the token value out of logs and assertion messages. */
        @Override
        public String toString() {
            return "Token[tokenId=" + tokenId + ", value=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    private final Map<String, Token> byValue = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random;
    private final SandboxFaults faults;

    AnaplanTokens(Duration lifetime, Clock clock, SecureRandom random, SandboxFaults faults) {
        this.lifetime = lifetime;
        this.clock = clock;
        this.random = random;
        this.faults = faults;
    }

    Token issue() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Token token = new Token(UUID.randomUUID().toString(), value, UUID.randomUUID().toString(),
                clock.instant().plus(lifetime), faults.tokenExpiries());
        byValue.put(token.value(), token);
        return token;
    }

    boolean isValid(String value) {
        return current(value).isPresent();
    }

    /** Replaces a working token with a new one; an expired or unknown token cannot be refreshed. */
    Optional<Token> refresh(String value) {
        Optional<Token> replaced = current(value);
        // remove(key, value) succeeds once, so two concurrent refreshes of one token cannot both get a new one.
        if (replaced.isEmpty() || !byValue.remove(value, replaced.get())) {
            return Optional.empty();
        }
        return Optional.of(issue());
    }

    private Optional<Token> current(String value) {
        Token token = byValue.get(value);
        if (token == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(token.expiresAt()) || token.expiryGeneration() != faults.tokenExpiries()) {
            byValue.remove(value, token);
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
