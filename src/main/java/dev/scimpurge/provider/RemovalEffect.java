package dev.scimpurge.provider;

/**
 * What a removal leaves behind for a read of the account to find, which is how a removal is verified: the profile's
 * removal action says which ({@code delete}: gone; a {@code patch} that sets {@code active} false: deactivated), and a
 * variant's {@code leaves:} says it where the service does something else (Slack's DELETE deactivates).
 */
public enum RemovalEffect {
    /** The account is gone: a read answers 404. */
    GONE,
    /** The account stays, deactivated: a read shows {@code active=false} (or answers 404). */
    DEACTIVATED,
    /** Nothing a read of {@code /Users/{id}} can check (a provider's own endpoint, a removal of entitlements only). */
    UNCHECKABLE
}
