package dev.scimpurge.job.purge;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.job.guard.ProtectedAccounts;
import dev.scimpurge.job.lookup.AccountLookup;
import dev.scimpurge.scim.EmailResolver;
import dev.scimpurge.scim.EmailResolver.Lookup;
import dev.scimpurge.scim.IsolatedTransportFailureException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;

/**
 * The resolve step's processor: turns a candidate into the account to remove. A candidate that already
 * carries its account id (a deactivated-user listing, a CSV of ids) is not looked up; every other
 * one is resolved by email. A protected address or account, no match, several accounts, or an
 * error answer (after retries, for 5xx) settle the row; only authorization problems and an
 * unreachable server escape, and they stop the job. Nothing is removed in this step. Called by
 * {@link ResolutionWriter} from several worker threads at once: it keeps no state of its own.
 */
public class AccountResolver implements ItemProcessor<Candidate, Resolution> {

    static final String NOT_FOUND_MESSAGE = "User email address not found via SCIM API";

    private final AccountLookup accounts;
    private final ProtectedAccounts protectedAccounts;
    private final Retrying retrying;

    public AccountResolver(AccountLookup accounts, ProtectedAccounts protectedAccounts, Retrying retrying) {
        this.accounts = accounts;
        this.protectedAccounts = protectedAccounts;
        this.retrying = retrying;
    }

    @Override
    public Resolution process(Candidate candidate) {
        Optional<String> protection = protectedAccounts.match(candidate);
        if (protection.isPresent()) {
            return settle(candidate, candidate.accountId(), Outcome.PROTECTED, Reasons.PROTECTED, null, protection.get() + "; no request sent");
        }
        if (candidate.accountId() != null) {
            return Resolution.Resolved.asCollected(candidate);
        }
        try {
            Lookup lookup = retrying.call(attempt -> accounts.find(candidate.inputValue()));
            if (lookup instanceof Lookup.Found found) {
                Optional<String> protectedAccount = protectedAccounts.match(null, found.user().id(), found.user().names());
                if (protectedAccount.isPresent()) {
                    return settle(candidate, found.user().id(), Outcome.PROTECTED, Reasons.PROTECTED, null,
                            protectedAccount.get() + "; no request sent");
                }
                return new Resolution.Resolved(candidate, found.user().id(), found.user().names(), found.user().resource());
            }
            if (lookup instanceof Lookup.Ambiguous ambiguous) {
                return settle(candidate, null, Outcome.FAILED, Reasons.AMBIGUOUS, null,
                        "ambiguous: " + ambiguous.users().size() + " accounts match this address ("
                                + String.join(", ", ambiguous.users().stream().map(u -> u.id()).toList()) + "); nothing was removed");
            }
            return settle(candidate, null, Outcome.NOT_FOUND, Reasons.EMAIL_NOT_FOUND, null, NOT_FOUND_MESSAGE);
        } catch (ScimErrorResponseException e) {
            return settle(candidate, null, Outcome.FAILED, Reasons.LOOKUP_FAILED, e.status(), "lookup failed: " + e.detail());
        } catch (ScimProtocolException e) {
            return settle(candidate, null, Outcome.FAILED, Reasons.BAD_RESPONSE, null, "lookup failed: " + e.getMessage());
        } catch (EmailResolver.LookupUnreliableException e) {
            return settle(candidate, null, Outcome.FAILED, Reasons.LOOKUP_UNRELIABLE, null, Objects.requireNonNull(e.getMessage()));
        } catch (IsolatedTransportFailureException e) {
            return settle(candidate, null, Outcome.FAILED, Reasons.LOOKUP_FAILED, null, "lookup failed: " + e.getMessage());
        }
    }

    private static Resolution settle(Candidate c, @Nullable String accountId, Outcome outcome, String reason, @Nullable Integer status,
            String message) {
        return new Resolution.Settled(c, new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), accountId, outcome, reason, status, message));
    }
}
