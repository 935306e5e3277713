package dev.scimpurge.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anaplan's auth service: {@code POST /token/authenticate} with HTTP Basic and {@code POST /token/refresh} with
 * {@code AnaplanAuthToken}, both answering 201 with a {@code tokenInfo}. Errors are Anaplan's
 * {@code {"status": "FAILURE_...", "statusMessage": "..."}}. The SCIM faults do not reach it.
 */
final class AnaplanAuthEndpoint implements Endpoint {

    static final String AUTHENTICATE = "/token/authenticate";
    static final String REFRESH = "/token/refresh";

    private final AnaplanLogin login;
    private final AnaplanTokens tokens;
    private final JsonMapper mapper;

    AnaplanAuthEndpoint(AnaplanLogin login, AnaplanTokens tokens, JsonMapper mapper) {
        this.login = login;
        this.tokens = tokens;
        this.mapper = mapper;
    }

    @Override
    public boolean serves(String rawPath) {
        return rawPath.startsWith("/token/");
    }

    @Override
    public ScimResponse respond(ScimRequest request) {
        boolean authenticate = request.rawPath().equals(AUTHENTICATE);
        if (!authenticate && !request.rawPath().equals(REFRESH)) {
            throw ScimException.notFound("No auth endpoint at " + request.rawPath() + "; use " + AUTHENTICATE
                    + " or " + REFRESH);
        }
        if (!request.method().equals("POST")) {
            throw ScimException.methodNotAllowed(request.method(), "POST");
        }
        return authenticate ? authenticate(request) : refresh(request);
    }

    @Override
    public ScimResponse errorResponse(ScimException error, ScimRequest request) {
        ObjectNode body = mapper.createObjectNode()
                .put("status", error.status() == 401 ? "FAILURE_BAD_CREDENTIAL" : "FAILURE")
                .put("statusMessage", error.detail());
        return ScimResponse.plainJson(error.status(), mapper.writeValueAsBytes(body), error.headers());
    }

    private ScimResponse authenticate(ScimRequest request) {
        if (!credentialsMatch(request.authorization())) {
            throw ScimException.unauthorized("Basic", "The credentials supplied were invalid");
        }
        return issued("Login successful", tokens.issue());
    }

    private ScimResponse refresh(ScimRequest request) {
        AnaplanTokens.Token refreshed = AnaplanTokenAuthenticator.presentedToken(request.authorization())
                .flatMap(tokens::refresh)
                .orElseThrow(() -> ScimException.unauthorized(AnaplanTokenAuthenticator.SCHEME,
                        "The token is invalid or has expired; authenticate again"));
        return issued("Token refreshed", refreshed);
    }

    private ScimResponse issued(String message, AnaplanTokens.Token token) {
        ObjectNode body = mapper.createObjectNode().put("status", "SUCCESS").put("statusMessage", message);
        body.putObject("tokenInfo")
                .put("expiresAt", token.expiresAt().toEpochMilli())
                .put("tokenId", token.tokenId())
                .put("tokenValue", token.value())
                .put("refreshTokenId", token.refreshTokenId());
        return ScimResponse.plainJson(201, mapper.writeValueAsBytes(body), Map.of());
    }

    private boolean credentialsMatch(String authorization) {
        return AuthorizationHeader.credentials(authorization, "Basic").map(this::basicCredentialsMatch).orElse(false);
    }

    private boolean basicCredentialsMatch(String base64) {
        String userAndPassword;
        try {
            userAndPassword = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = userAndPassword.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // Both halves are always compared, in constant time, so timing tells nothing about which one was wrong.
        boolean userMatches = sameText(userAndPassword.substring(0, colon), login.user());
        boolean passwordMatches = sameText(userAndPassword.substring(colon + 1), login.password());
        return userMatches & passwordMatches;
    }

    private static boolean sameText(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
