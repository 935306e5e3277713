package dev.scimpurge.scim;

import java.util.Objects;

import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;

/** {@code Authorization: Bearer <token>}. */
public final class BearerTokenAuthentication implements ScimAuthentication {

    private final String token;

    public BearerTokenAuthentication(String token) {
        this.token = Objects.requireNonNull(token);
    }

    @Override
    public void authorize(HttpRequest request) {
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    @Override
    public String toString() {
        return "BearerTokenAuthentication[token redacted]";
    }
}
