package dev.scimpurge.provider;

import java.net.URI;
import java.time.Clock;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import dev.scimpurge.scim.BearerTokenAuthentication;
import dev.scimpurge.scim.ScimAuthentication;
import tools.jackson.databind.json.JsonMapper;

/** The auth schemes a profile can name: {@code bearer} (a token) and {@code anaplan} (user and password for a token). */
public final class AuthenticationSchemes {

    private AuthenticationSchemes() {
    }

    /** What a scheme needs from the operator, so the command line can ask for the right secret. */
    public static boolean needsUserAndPassword(ProviderProfile profile) {
        return "anaplan".equals(profile.auth());
    }

    static ScimAuthentication create(ProviderRun run, Credentials credentials, CloseableHttpClient http, JsonMapper mapper, Clock clock) {
        String scheme = run.profile().auth();
        if (scheme.equals("bearer") && credentials instanceof Credentials.Token token) {
            return new BearerTokenAuthentication(token.value());
        }
        if (scheme.equals("anaplan") && credentials instanceof Credentials.UserPassword userPassword) {
            if (run.authUrl() == null) {
                throw new IllegalStateException("provider " + run.profile().name() + " has no auth-url");
            }
            return new AnaplanTokenAuthentication(URI.create(run.authUrl()), userPassword, http, mapper, clock);
        }
        throw new IllegalStateException("provider " + run.profile().name() + " uses auth '" + scheme
                + "', which does not go with " + credentials.getClass().getSimpleName());
    }
}
