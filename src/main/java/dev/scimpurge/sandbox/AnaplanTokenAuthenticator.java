package dev.scimpurge.sandbox;

import java.util.Optional;

/** Accepts {@code Authorization: AnaplanAuthToken <token>} with a token from {@code /token/authenticate}. */
final class AnaplanTokenAuthenticator implements Authenticator {

    static final String SCHEME = "AnaplanAuthToken";

    private final AnaplanTokens tokens;

    AnaplanTokenAuthenticator(AnaplanTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void authenticate(String authorization) {
        if (!presentedToken(authorization).map(tokens::isValid).orElse(false)) {
            throw ScimException.unauthorized(SCHEME, "Missing, invalid or expired AnaplanAuthToken;"
                    + " refresh it at /token/refresh before it expires, or authenticate again at /token/authenticate");
        }
    }

    @Override
    public AuthenticationScheme scheme() {
        return new AuthenticationScheme("oauthbearertoken", "Anaplan auth token", "POST /token/authenticate with"
                + " HTTP Basic, then send 'Authorization: AnaplanAuthToken <tokenInfo.tokenValue>'");
    }

    static Optional<String> presentedToken(String authorization) {
        return AuthorizationHeader.credentials(authorization, SCHEME);
    }
}
