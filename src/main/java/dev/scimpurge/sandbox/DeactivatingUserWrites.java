package dev.scimpurge.sandbox;

import java.time.Duration;

/**
 * Slack: DELETE deactivates the user ({@code active=false}) and keeps it, also when it already was; DELETEs share
 * one token bucket, over which they answer 429 with {@code Retry-After}.
 */
final class DeactivatingUserWrites implements UserWrites {

    private final SandboxDirectory directory;
    private final TokenBucket deletes;

    DeactivatingUserWrites(SandboxDirectory directory, TokenBucket deletes) {
        this.directory = directory;
        this.deletes = deletes;
    }

    @Override
    public void admitDelete() {
        Duration wait = deletes.take();
        if (!wait.isZero()) {
            throw ScimException.tooManyRequests(wholeSecondsAtLeastOne(wait));
        }
    }

    @Override
    public ScimResponse delete(String id) {
        directory.update(id, user -> user.withActive(false)).orElseThrow(() -> ScimException.userNotFound(id));
        return ScimResponse.noContent();
    }

    /** Retry-After is whole seconds; rounding down could send the client back too early. */
    private static int wholeSecondsAtLeastOne(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1, seconds);
    }
}
