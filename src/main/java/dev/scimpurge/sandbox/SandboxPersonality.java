package dev.scimpurge.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Which service the sandbox imitates: its URL layout, authentication, error bodies and deletion rules. */
public enum SandboxPersonality {

    /** Any SCIM 2.0 server: {@code /scim/v2}, bearer token, RFC 7644 to the letter. */
    GENERIC(settings -> new GenericPersonality(settings.bulk())),

    /**
     * Stack Overflow for Teams: {@code /api/scim/v2} (Enterprise) and {@code /auth/scim/v2} (Business), bearer token,
     * roles in {@code userType}, {@code ErrorMessage} error bodies, "Adjust role to User" for moderators and admins.
     */
    STACKOVERFLOW(settings -> new StackOverflowPersonality()),

    /**
     * Anaplan: {@code /scim/1/0/v2} with {@code AnaplanAuthToken} tokens from {@code POST /token/authenticate}
     * (HTTP Basic) and {@code /token/refresh} on the same site; DELETE is 501, users are removed by PATCH.
     */
    ANAPLAN(settings -> new AnaplanPersonality(settings.anaplanLogin())),

    /**
     * Slack: {@code /scim/v2} and {@code /scim/v1}, bearer token, {@code emails.value} (v2) or {@code email} (v1)
     * filters, DELETE deactivates, DELETEs rate-limited per {@link SandboxSettings#deleteRateLimit()}.
     */
    SLACK(settings -> new SlackPersonality(settings.deleteRateLimit())),

    /**
     * Atlassian: {@code /scim/directory/{directoryId}} filtering on {@code userName} and {@code externalId} only,
     * bearer token, plus the admin API's
     * {@code DELETE /admin/user-provisioning/v1/org/{orgId}/user/{aaId}/onlyDeleteUserInDB}.
     */
    ATLASSIAN(settings -> new AtlassianPersonality(settings.atlassianIds()));

    private final Function<SandboxSettings, Personality> behaviour;

    SandboxPersonality(Function<SandboxSettings, Personality> behaviour) {
        this.behaviour = behaviour;
    }

    /** The name used by {@code --provider}, e.g. {@code "stackoverflow"}. */
    public String providerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param providerName e.g. {@code "Slack"}; case-insensitive
     * @throws IllegalArgumentException naming the known providers
     */
    public static SandboxPersonality fromProviderName(String providerName) {
        return Arrays.stream(values())
                .filter(personality -> personality.providerName().equalsIgnoreCase(providerName.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown provider '" + providerName
                        + "'; expected one of " + Arrays.stream(values()).map(SandboxPersonality::providerName)
                        .collect(Collectors.joining(", "))));
    }

    Personality behaviour(SandboxSettings settings) {
        return behaviour.apply(settings);
    }
}
