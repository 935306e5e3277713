package dev.scimpurge.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Accepts only {@code Authorization: Bearer <token>} with the sandbox token. */
final class BearerAuthenticator implements Authenticator {


    private final byte[] expectedToken;

    BearerAuthenticator(String token) {
        this.expectedToken = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void authenticate(String authorization) {
        byte[] presented = AuthorizationHeader.credentials(authorization, "Bearer")
                .orElseThrow(ScimException::unauthorized).getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the sandbox should not teach clients that timing leaks are acceptable.
        if (!MessageDigest.isEqual(presented, expectedToken)) {
            throw ScimException.unauthorized();
        }
    }

    @Override
    public AuthenticationScheme scheme() {
        return new AuthenticationScheme("oauthbearertoken", "OAuth Bearer Token",
                "Send 'Authorization: Bearer <token>' with the sandbox token");
    }
}
