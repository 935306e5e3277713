package dev.scimpurge.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Anaplan personality's {@code POST /token/authenticate} is logged into, and how long its tokens live.
 *
 * @param user     the HTTP Basic user name; must not contain ':'
 * @param password the HTTP Basic password
 */
public record AnaplanLogin(String user, String password, Duration tokenLifetime) {

    public AnaplanLogin {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        if (user.isBlank() || user.contains(":")) {
            throw new IllegalArgumentException("user must be non-blank and contain no ':' (HTTP Basic)");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive, was " + tokenLifetime);
        }
    }

    /** {@code admin@example.test} / {@code sandbox-password}; tokens live 35 minutes, as Anaplan documents. */
    public static AnaplanLogin defaults() {
        return new AnaplanLogin("admin@example.test", "sandbox-password", Duration.ofMinutes(35));
    }

    /** Keeps the password out of logs and exception messages. */
    @Override
    public String toString() {
        return "AnaplanLogin[user=" + user + ", password=<redacted>, tokenLifetime=" + tokenLifetime + "]";
    }
}
