package dev.scimpurge.job.collect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.plan.ApprovedPlan;
import dev.scimpurge.plan.PlanEntry;
import dev.scimpurge.scim.EmailResolver;
import dev.scimpurge.scim.EmailResolver.Lookup;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.scim.ScimUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --apply-plan}: exactly the accounts of an approved plan, nothing the service lists now. Each is read again
 * ({@code GET /Users/{id}}) and compared with what the plan read for it; one that changed since (no longer found,
 * active again, other addresses or userName, or, for a row the plan's run found by address, that address now finds
 * several accounts or another one) is not a candidate: it ends {@link Outcome#DRIFTED}, saying what changed. The plan
 * is read again here and must still be the one the command checked (its digest is part of the run's parameters).
 */
public final class ApprovedPlanSource implements CandidateSource {

    /** Kinds of run whose rows were found by address, so that the address must still find the account alone. */
    private static final Set<String> FOUND_BY_ADDRESS = Set.of("csv", "retry");

    private final Path file;
    private final String digest;
    private final JsonMapper mapper;
    private final ScimClient client;
    private final Retrying retrying;
    private final EmailResolver addresses;

    public ApprovedPlanSource(Path file, String digest, JsonMapper mapper, ScimClient client, Retrying retrying, EmailResolver addresses) {
        this.file = file;
        this.digest = digest;
        this.mapper = mapper;
        this.client = client;
        this.retrying = retrying;
        this.addresses = addresses;
    }

    @Override
    public void readInto(CollectedRows rows) {
        ApprovedPlan plan = ApprovedPlan.read(file, mapper);
        if (!plan.digest().equals(digest)) {
            throw new ApprovedPlan.Unusable(file + " is not the plan this run was started with (digest " + plan.shortDigest()
                    + ", not " + ApprovedPlan.shortDigest(digest) + "); apply it as a run of its own with --apply-plan");
        }
        boolean foundByAddress = FOUND_BY_ADDRESS.contains(plan.source());
        for (PlanEntry entry : plan.accounts()) {
            String input = entry.email() == null ? entry.accountId() : entry.email();
            Optional<ScimUser> now;
            try {
                now = retrying.call(attempt -> client.getUser(entry.accountId()));
            } catch (ScimErrorResponseException | IsolatedTransportFailureException | ScimProtocolException e) {
                rows.settle(null, input, entry.accountId(), Outcome.FAILED, Reasons.LOOKUP_FAILED,
                        "not removed: could not read the account again to compare it with the plan (" + e.getMessage() + ")");
                continue;
            }
            List<String> changes = now.isEmpty() ? List.of("no longer found (the service answers 404 for it)")
                    : changes(entry, now.get(), foundByAddress ? input : null);
            if (!changes.isEmpty()) {
                rows.settle(null, input, entry.accountId(), Outcome.DRIFTED, Reasons.CHANGED_SINCE_PLAN, "changed since the plan of "
                        + plan.createdAt() + ": " + String.join("; ", changes) + "; not removed: check the account, and make a new plan "
                        + "(--dry-run) to remove it");
                continue;
            }
            ScimUser user = now.get();
            rows.accept(null, input, entry.accountId(), entry.accountId(), user.names(), user.lastModified(), user.active());
        }
    }

    /** What differs between the plan's reading of the account and {@code now}; empty: nothing that matters. */
    private List<String> changes(PlanEntry planned, ScimUser now, @Nullable String address) {
        List<String> changes = new ArrayList<>();
        if (Boolean.FALSE.equals(planned.active()) && !now.isDeactivated()) {
            changes.add("reactivated (active is " + now.active() + " now, false in the plan)");
        }
        if (!planned.names().isEmpty() && !folded(planned.names()).equals(folded(now.names()))) {
            changes.add("its addresses and userName changed from " + planned.names() + " to " + now.names());
        }
        if (address != null && EmailAddress.isValid(address.strip())) {
            try {
                Lookup lookup = retrying.call(attempt -> addresses.resolve(address.strip()));
                if (lookup instanceof Lookup.Ambiguous ambiguous) {
                    changes.add("now ambiguous: " + ambiguous.users().size() + " accounts match " + address + " ("
                            + ambiguous.users().stream().map(ScimUser::id).collect(Collectors.joining(", ")) + ")");
                } else if (lookup instanceof Lookup.Found found && !found.user().id().equals(now.id())) {
                    changes.add(address + " finds another account now (" + found.user().id() + ")");
                } else if (lookup instanceof Lookup.NotFound && changes.isEmpty()) {
                    changes.add(address + " no longer finds the account");
                }
            } catch (ScimErrorResponseException | IsolatedTransportFailureException | ScimProtocolException
                    | EmailResolver.LookupUnreliableException e) {
                changes.add("could not look " + address + " up again (" + e.getMessage() + ")");
            }
        }
        return changes;
    }

    private static Set<String> folded(List<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public String describe() {
        return "the accounts of the plan " + file;
    }
}
