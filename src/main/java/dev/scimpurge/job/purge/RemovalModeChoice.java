package dev.scimpurge.job.purge;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.scimpurge.provider.AccountRemoval;
import dev.scimpurge.provider.ErrorTranslation;
import dev.scimpurge.provider.RemovalEffect;
import dev.scimpurge.provider.ServiceCapabilities;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.throughput.RequestWorkers;
import dev.scimpurge.throughput.Throughput;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses how an execution sends its removals, and says so once in the log: SCIM Bulk with {@code --bulk auto} when
 * the removal is one plain request on {@code /Users/{id}} and the server's ServiceProviderConfig supports bulk; one
 * request per user otherwise. Asked on the first chunk, so that reading ServiceProviderConfig fails like any request.
 */
public final class RemovalModeChoice implements Supplier<ChunkRemoval> {

    private static final Logger log = LoggerFactory.getLogger(RemovalModeChoice.class);

    private final Throughput.Bulk setting;
    private final String removalName;
    private final AccountRemoval removal;
    private final ServiceCapabilities capabilities;
    private final Sending sending;
    private final RemovalOutcomes outcomes;
    private final PerUserRemoval perUser;

    /**
     * What either way of sending is made of.
     *
     * @param verb  what a removal is called in outcomes: deleted, deactivated, removed
     * @param paced {@code --rate} limits requests: Bulk requests are then filled up to maxOperations
     * @param verification whether each removal that answered success is read back, and for how long
     * @param effect what the removal leaves for the read-back to find
     * @param halted whether the removals not yet sent are held back: the run is ending ({@link RemovalPipeline#halted})
     */
    public record Sending(RemovalProcessor recheck, ScimClient client, JsonMapper mapper, ErrorTranslation errors, String verb,
            RequestWorkers workers, Retrying retrying, boolean paced, Verification verification, RemovalEffect effect,
            BooleanSupplier halted) {
    }

    /** @param removalName the removal as the log names it, e.g. {@code 'demote-then-delete'} */
    public RemovalModeChoice(Throughput.Bulk setting, String removalName, AccountRemoval removal, ServiceCapabilities capabilities,
            Sending sending) {
        this.setting = setting;
        this.removalName = removalName;
        this.removal = removal;
        this.capabilities = capabilities;
        this.sending = sending;
        this.outcomes = new RemovalOutcomes(sending.errors(), sending.verb());
        this.perUser = new PerUserRemoval(sending.recheck(), removal, outcomes, sending.workers(), sending.retrying(),
                sending.halted());
    }

    @Override
    public ChunkRemoval get() {
        ChunkRemoval chosen = unverified();
        Verification verification = sending.verification();
        if (!verification.verifies()) {
            log.info("Removals are not read back (--verify {})", verification);
            return chosen;
        }
        log.info("Removals are read back: a 404{} confirms one (--verify {})",
                sending.effect() == RemovalEffect.DEACTIVATED ? " or active=false" : "", verification);
        return new VerifiedRemoval(chosen, new RemovalVerification(sending.client(), sending.retrying(), sending.effect(),
                verification.settleWithin()), sending.workers());
    }

    private ChunkRemoval unverified() {
        Optional<String> why = perUserBecause(setting, removalName, removal, capabilities);
        if (why.isPresent()) {
            return perUser(why.get());
        }
        AccountRemoval.BulkOperation operation = removal.asBulkOperation().orElseThrow();
        ServiceCapabilities.Bulk bulk = capabilities.bulk();
        log.info("Removals: SCIM Bulk requests ({} /Users/{id}), at most {} operations and {} bytes each, as the server's "
                + "ServiceProviderConfig allows (--bulk auto)", operation.method(), bulk.maxOperations(), bulk.maxPayloadSize());
        return new BulkRemoval(sending.recheck(), perUser, operation,
                new BulkRequests(sending.mapper(), bulk.maxOperations(), bulk.maxPayloadSize()), sending.client(),
                outcomes, sending.workers(), sending.retrying(), sending.paced());
    }

    /**
     * Why an execution with these settings sends one request per user, or empty when it sends Bulk requests; what
     * {@link #get()} decides, and {@code probe} shows.
     */
    public static Optional<String> perUserBecause(Throughput.Bulk setting, String removalName, AccountRemoval removal,
            ServiceCapabilities capabilities) {
        if (setting == Throughput.Bulk.OFF) {
            return Optional.of("--bulk off");
        }
        if (removal.asBulkOperation().isEmpty()) {
            return Optional.of("the removal " + removalName + " is not one plain SCIM request a Bulk request can carry");
        }
        ServiceCapabilities.Bulk bulk = capabilities.bulk();
        return bulk.usable() ? Optional.empty() : Optional.of(Objects.requireNonNull(bulk.unavailable()));
    }

    private ChunkRemoval perUser(String why) {
        log.info("Removals: one request per user ({})", why);
        return perUser;
    }
}
