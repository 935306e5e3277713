package dev.scimpurge.sandbox;

import java.time.Duration;

/** Another service's writes behind one token bucket of DELETEs: over it, DELETE answers 429 with {@code Retry-After}. */
final class RateLimitedDeletes implements UserWrites {

    private final UserWrites writes;
    private final TokenBucket deletes;

    RateLimitedDeletes(UserWrites writes, TokenBucket deletes) {
        this.writes = writes;
        this.deletes = deletes;
    }

    @Override
    public void admitDelete() {
        Duration wait = deletes.take();
        if (!wait.isZero()) {
            throw ScimException.tooManyRequests(wholeSecondsAtLeastOne(wait));
        }
        writes.admitDelete();
    }

    @Override
    public ScimResponse delete(String id) {
        return writes.delete(id);
    }

    @Override
    public SandboxUser patched(SandboxUser before, SandboxUser requested) {
        return writes.patched(before, requested);
    }

    /** Retry-After is whole seconds; rounding down could send the client back too early. */
    private static int wholeSecondsAtLeastOne(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1, seconds);
    }
}
