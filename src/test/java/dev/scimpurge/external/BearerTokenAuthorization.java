package dev.scimpurge.external;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import de.captaingoldfish.scim.sdk.server.endpoints.authorize.Authorization;

/**
 * The SDK asks this for every request; a {@code false} makes it answer 401 with a SCIM error body and a
 * {@code WWW-Authenticate} header. Accepts exactly {@code Authorization: Bearer <token>} (scheme name
 * case-insensitive, as RFC 7235 has it).
 */
final class BearerTokenAuthorization implements Authorization {

    private final String token;

    BearerTokenAuthorization(String token) {
        this.token = token;
    }

    @Override
    public Set<String> getClientRoles() {
        return Set.of();
    }

    @Override
    public boolean authenticate(Map<String, String> httpHeaders, Map<String, String> queryParameters) {
        if (httpHeaders == null) {
            return false;
        }
        for (Map.Entry<String, String> header : httpHeaders.entrySet()) {
            if ("authorization".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                String value = header.getValue().trim();
                return value.length() > 7
                        && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
                        && value.substring(7).trim().equals(token);
            }
        }
        return false;
    }

    @Override
    public String getRealm() {
        return "external-scim";
    }
}
