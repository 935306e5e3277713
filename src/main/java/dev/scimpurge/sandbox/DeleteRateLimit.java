package dev.scimpurge.sandbox;

/**
 * A token bucket for DELETEs (the {@link SandboxPersonality#SLACK} personality): {@code burst} DELETEs at once,
 * refilled at {@code perMinute}. {@code perMinute} 0 turns it off.
 */
public record DeleteRateLimit(int perMinute, int burst) {

    public DeleteRateLimit {
        if (perMinute < 0 || burst < 0) {
            throw new IllegalArgumentException("perMinute and burst must be >= 0, were " + perMinute + " and " + burst);
        }
        if (perMinute > 0 && burst == 0) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1");
        }
    }

    /** Slack's documented tier for {@code DELETE /Users/<id>}: 180 per minute with bursts of 20. */
    public static DeleteRateLimit slackTier() {
        return new DeleteRateLimit(180, 20);
    }

    public boolean isOff() {
        return perMinute == 0;
    }
}
