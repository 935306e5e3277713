package dev.scimpurge.sandbox;

import java.util.Optional;

/** Reads {@code Authorization: <scheme> <credentials>}; the scheme is case-insensitive (RFC 9110 §11.1). */
final class AuthorizationHeader {

    private AuthorizationHeader() {
    }

    /** @return the trimmed credentials when {@code header} uses {@code scheme}; empty otherwise */
    static Optional<String> credentials(String header, String scheme) {
        String prefix = scheme + " ";
        if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(prefix.length()).trim());
    }
}
