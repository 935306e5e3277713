package dev.scimpurge.job.purge;

import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.scim.EmailResolver;
import dev.scimpurge.scim.EmailResolver.Lookup;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;

/**
 * Turns a candidate into the account to remove. A candidate that already carries its account id
 * (a deactivated-user listing) or whose removal this job instance already sent (a restart) is not
 * looked up again; every other one is resolved by email. No match, several accounts, or an error
 * answer settle the row as a failure; only authorization and transport problems escape, and they
 * stop the job.
 */
public class AccountResolver implements ItemProcessor<Candidate, Resolution> {

    static final String NOT_FOUND_MESSAGE = "User email address not found via SCIM API";

    private final EmailResolver emails;
    private final RemovalAttemptLog attempts;
    private final long jobInstanceId;

    public AccountResolver(EmailResolver emails, RemovalAttemptLog attempts, long jobInstanceId) {
        this.emails = emails;
        this.attempts = attempts;
        this.jobInstanceId = jobInstanceId;
    }

    @Override
    public Resolution process(Candidate candidate) {
        Optional<String> sentBefore = attempts.accountFor(jobInstanceId, candidate.seq());
        if (sentBefore.isPresent()) {
            return new Resolution.Resolved(candidate, sentBefore.get());
        }
        if (candidate.accountId() != null) {
            return new Resolution.Resolved(candidate, candidate.accountId());
        }
        try {
            Lookup lookup = emails.resolve(candidate.inputValue());
            if (lookup instanceof Lookup.Found found) {
                return new Resolution.Resolved(candidate, found.user().id());
            }
            if (lookup instanceof Lookup.Ambiguous ambiguous) {
                return settle(candidate, Outcome.FAILED, Reasons.AMBIGUOUS, null,
                        "ambiguous: " + ambiguous.users().size() + " accounts match this address ("
                                + String.join(", ", ambiguous.users().stream().map(u -> u.id()).toList()) + "); nothing was removed");
            }
            return settle(candidate, Outcome.NOT_FOUND, Reasons.EMAIL_NOT_FOUND, null, NOT_FOUND_MESSAGE);
        } catch (ScimErrorResponseException e) {
            return settle(candidate, Outcome.FAILED, Reasons.LOOKUP_FAILED, e.status(), "lookup failed: " + e.detail());
        } catch (ScimProtocolException e) {
            return settle(candidate, Outcome.FAILED, Reasons.BAD_RESPONSE, null, "lookup failed: " + e.getMessage());
        } catch (EmailResolver.LookupUnreliableException e) {
            return settle(candidate, Outcome.FAILED, Reasons.LOOKUP_UNRELIABLE, null, e.getMessage());
        }
    }

    private static Resolution settle(Candidate c, Outcome outcome, String reason, Integer status, String message) {
        return new Resolution.Settled(c, new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), null, outcome, reason, status, message));
    }
}
