package dev.scimpurge.sandbox;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the sandbox server is seeded and protected.
 *
 * @param users               how many users to seed
 * @param deactivatedFraction share of seeded users with {@code active=false}, 0..1
 * @param latency             delay added before every response
 * @param token               the bearer token every request must carry
 * @param seed                makes ids and the choice of deactivated users reproducible
 * @param personality         which service the sandbox imitates
 * @param anaplanLogin        the {@link SandboxPersonality#ANAPLAN} login and token lifetime
 * @param deleteRateLimit     the {@link SandboxPersonality#SLACK} DELETE tier
 * @param atlassianIds        the {@link SandboxPersonality#ATLASSIAN} directory and organization
 * @param bulk                whether {@code POST {base}/Bulk} is served, and its limits ({@link SandboxPersonality#GENERIC} only)
 * @param faults              the fault knobs set before the first request, and again by {@link SandboxFaults#reset()}
 * @param aged                how long before the start every seeded user looks last modified ({@code meta.lastModified});
 *                            zero: just now
 * @param profile             a service played from data ({@link #withProfile}), in place of {@code personality}; null for none
 */
public record SandboxSettings(int users, double deactivatedFraction, Duration latency, String token, long seed,
                              SandboxPersonality personality, AnaplanLogin anaplanLogin,
                              DeleteRateLimit deleteRateLimit, AtlassianIds atlassianIds, BulkSupport bulk,
                              FaultPreset faults, Duration aged, @Nullable ServiceProfile profile) {

    public SandboxSettings {
        if (users < 0) {
            throw new IllegalArgumentException("users must be >= 0, was " + users);
        }
        if (!(deactivatedFraction >= 0.0 && deactivatedFraction <= 1.0)) {
            throw new IllegalArgumentException("deactivatedFraction must be within 0..1, was " + deactivatedFraction);
        }
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        Objects.requireNonNull(token, "token");
        if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("token must be non-blank and contain no whitespace");
        }
        Objects.requireNonNull(personality, "personality");
        Objects.requireNonNull(anaplanLogin, "anaplanLogin");
        Objects.requireNonNull(deleteRateLimit, "deleteRateLimit");
        Objects.requireNonNull(atlassianIds, "atlassianIds");
        Objects.requireNonNull(bulk, "bulk");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(aged, "aged");
        if (aged.isNegative()) {
            throw new IllegalArgumentException("aged must not be negative, was " + aged);
        }
        if (bulk.supported() && (personality != SandboxPersonality.GENERIC || profile != null)) {
            throw new IllegalArgumentException("only the generic sandbox serves SCIM Bulk, not "
                    + (profile != null ? profile.name() : personality.providerName()));
        }
    }

    /** The {@link SandboxPersonality#GENERIC} sandbox. */
    public SandboxSettings(int users, double deactivatedFraction, Duration latency, String token, long seed) {
        this(users, deactivatedFraction, latency, token, seed, SandboxPersonality.GENERIC, AnaplanLogin.defaults(),
                DeleteRateLimit.slackTier(), AtlassianIds.defaults(), BulkSupport.unsupported(), FaultPreset.NONE, Duration.ZERO, null);
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(50, 0.2, Duration.ZERO, "sandbox-token", 42L);
    }

    public SandboxSettings withUsers(int newUsers) {
        return new SandboxSettings(newUsers, deactivatedFraction, latency, token, seed, personality, anaplanLogin,
                deleteRateLimit, atlassianIds, bulk, faults, aged, profile);
    }

    public SandboxSettings withDeactivatedFraction(double newFraction) {
        return new SandboxSettings(users, newFraction, latency, token, seed, personality, anaplanLogin,
                deleteRateLimit, atlassianIds, bulk, faults, aged, profile);
    }

    public SandboxSettings withLatency(Duration newLatency) {
        return new SandboxSettings(users, deactivatedFraction, newLatency, token, seed, personality, anaplanLogin,
                deleteRateLimit, atlassianIds, bulk, faults, aged, profile);
    }

    /**
     * The token a rehearsal of a removal sends: the Atlassian organisation API key for a removal that reads
     * {@value AtlassianIds#ORG_API_KEY_VARIABLE}, else {@link #token()}.
     */
    public String tokenFor(@Nullable String tokenVariable) {
        return AtlassianIds.ORG_API_KEY_VARIABLE.equals(tokenVariable) ? atlassianIds.orgApiKey() : token;
    }

    public SandboxSettings withToken(String newToken) {
        return new SandboxSettings(users, deactivatedFraction, latency, newToken, seed, personality, anaplanLogin,
                deleteRateLimit, atlassianIds, bulk, faults, aged, profile);
    }

    public SandboxSettings withSeed(long newSeed) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, newSeed, personality, anaplanLogin,
                deleteRateLimit, atlassianIds, bulk, faults, aged, profile);
    }

    public SandboxSettings withPersonality(SandboxPersonality newPersonality) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, newPersonality, anaplanLogin,
                deleteRateLimit, atlassianIds, bulk, faults, aged, null);
    }

    /**
     * Plays {@code service} from its data ({@link ServiceProfile}) rather than one of the {@link SandboxPersonality}s;
     * {@link #withPersonality} goes back to those.
     */
    public SandboxSettings withProfile(ServiceProfile service) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, SandboxPersonality.GENERIC, anaplanLogin,
                deleteRateLimit, atlassianIds, bulk, faults, aged, Objects.requireNonNull(service, "service"));
    }

    /** The name {@code --provider} gives the service played: the profile's, else the personality's. */
    public String providerName() {
        return profile != null ? profile.name() : personality.providerName();
    }

    /** How the server behaves: the profile's service when there is one, else the personality. */
    Personality behaviour() {
        return profile != null ? new ProfilePersonality(profile) : personality.behaviour(this);
    }

    /** The user and password {@code POST /token/authenticate} accepts with HTTP Basic (Anaplan). */
    public SandboxSettings withAnaplanCredentials(String user, String password) {
        return withAnaplanLogin(new AnaplanLogin(user, password, anaplanLogin.tokenLifetime()));
    }

    /** How long an Anaplan token works after it was issued or refreshed. */
    public SandboxSettings withTokenLifetime(Duration lifetime) {
        return withAnaplanLogin(new AnaplanLogin(anaplanLogin.user(), anaplanLogin.password(), lifetime));
    }

    /**
     * Slack's DELETE tier (default 180 per minute, bursts of 20): over it, DELETE answers 429 with Retry-After.
     * {@code perMinute} 0 turns it off, e.g. for tests that delete many users.
     */
    public SandboxSettings withDeleteRateLimit(int perMinute, int burst) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, personality, anaplanLogin,
                new DeleteRateLimit(perMinute, burst), atlassianIds, bulk, faults, aged, profile);
    }

    /** The directory in the SCIM base {@code /scim/directory/{directoryId}} and the org in the admin API. */
    public SandboxSettings withAtlassianIds(String directoryId, String orgId) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, personality, anaplanLogin,
                deleteRateLimit, new AtlassianIds(directoryId, orgId, atlassianIds.orgApiKey()), bulk, faults, aged, profile);
    }

    /** The organisation API key the Atlassian admin API takes; the SCIM directory takes {@link #token()}. */
    public SandboxSettings withAtlassianOrgApiKey(String orgApiKey) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, personality, anaplanLogin,
                deleteRateLimit, new AtlassianIds(atlassianIds.directoryId(), atlassianIds.orgId(), orgApiKey), bulk, faults, aged, profile);
    }

    /**
     * Serves {@code POST {base}/Bulk} (RFC 7644 §3.7) and says so in ServiceProviderConfig: a request with more than
     * {@code maxOperations} operations, or a body over {@code maxPayloadSize} bytes, answers 413.
     */
    public SandboxSettings withBulk(int maxOperations, int maxPayloadSize) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, personality, anaplanLogin,
                deleteRateLimit, atlassianIds, BulkSupport.supported(maxOperations, maxPayloadSize), faults, aged, profile);
    }

    /**
     * Starts the server with the fault knobs {@code preset} sets, e.g.
     * {@code withFaults(faults -> faults.bulkStatusForm(BulkStatusForm.SCIM_1_1_OBJECT))}; {@link SandboxFaults#reset()}
     * goes back to them. Replaces an earlier preset; {@link FaultPreset#andThen} combines two.
     */
    public SandboxSettings withFaults(FaultPreset preset) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, personality, anaplanLogin,
                deleteRateLimit, atlassianIds, bulk, preset, aged, profile);
    }

    /** Every seeded user looks last modified {@code ago} before the server started, e.g. deactivated past a grace period. */
    public SandboxSettings withAged(Duration ago) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, personality, anaplanLogin,
                deleteRateLimit, atlassianIds, bulk, faults, ago, profile);
    }

    private SandboxSettings withAnaplanLogin(AnaplanLogin newLogin) {
        return new SandboxSettings(users, deactivatedFraction, latency, token, seed, personality, newLogin,
                deleteRateLimit, atlassianIds, bulk, faults, aged, profile);
    }

    /** Keeps the token and password out of logs and exception messages. */
    @Override
    public String toString() {
        return "SandboxSettings[users=" + users + ", deactivatedFraction=" + deactivatedFraction
                + ", latency=" + latency + ", token=<redacted>, seed=" + seed + ", personality=" + personality
                + ", anaplanLogin=" + anaplanLogin + ", deleteRateLimit=" + deleteRateLimit
                + ", atlassianIds=" + atlassianIds + ", bulk=" + bulk
                + ", faults=" + (faults == FaultPreset.NONE ? "none" : "preset") + ", aged=" + aged
                + ", profile=" + (profile == null ? "none" : profile.name()) + "]";
    }
}
