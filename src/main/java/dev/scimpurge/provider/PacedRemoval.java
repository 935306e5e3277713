package dev.scimpurge.provider;

import dev.scimpurge.scim.RequestPacer;

/** Keeps removals under the service's documented rate (Slack: 180 DELETEs a minute, bursts of 20). */
final class PacedRemoval implements AccountRemoval {

    private final AccountRemoval removal;
    private final RequestPacer pacer;

    PacedRemoval(AccountRemoval removal, RequestPacer pacer) {
        this.removal = removal;
        this.pacer = pacer;
    }

    @Override
    public int remove(String accountId) {
        pacer.acquire();
        return removal.remove(accountId);
    }
}
