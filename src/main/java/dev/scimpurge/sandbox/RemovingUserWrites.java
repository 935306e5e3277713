package dev.scimpurge.sandbox;

/** RFC 7644 as written: DELETE removes the user, PATCH stores what was asked. */
final class RemovingUserWrites implements UserWrites {

    private final SandboxDirectory directory;

    RemovingUserWrites(SandboxDirectory directory) {
        this.directory = directory;
    }

    @Override
    public ScimResponse delete(String id) {
        if (!directory.remove(id)) {
            throw ScimException.userNotFound(id);
        }
        return ScimResponse.noContent();
    }
}
