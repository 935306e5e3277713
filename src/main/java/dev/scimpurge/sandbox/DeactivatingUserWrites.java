package dev.scimpurge.sandbox;

/**
 * Slack: DELETE deactivates the user ({@code active=false}) and keeps it, also when it already was. Slack's DELETE
 * tier is a {@link RateLimitedDeletes} around it.
 */
final class DeactivatingUserWrites implements UserWrites {

    private final SandboxDirectory directory;

    DeactivatingUserWrites(SandboxDirectory directory) {
        this.directory = directory;
    }

    @Override
    public ScimResponse delete(String id) {
        directory.update(id, user -> user.withActive(false)).orElseThrow(() -> ScimException.userNotFound(id));
        return ScimResponse.noContent();
    }
}
