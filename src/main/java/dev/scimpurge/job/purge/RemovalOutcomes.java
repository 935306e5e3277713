package dev.scimpurge.job.purge;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.provider.ErrorTranslation;

/**
 * The outcome of one row's removal, whether it went as its own request or inside a Bulk request: the same answer
 * gives the same outcome.
 * <p>
 * 404 means "already gone" when this job instance had already sent a removal for that account (a chunk interrupted
 * after the request left, or a retry of a request whose answer was lost); otherwise it is "not found". Any other
 * refusal is a failure, in the provider's words where its profile has a rule for it.
 */
final class RemovalOutcomes {

    private final ErrorTranslation errors;
    private final String verb;

    /** @param verb what a removal is called in outcomes: deleted, deactivated, removed */
    RemovalOutcomes(ErrorTranslation errors, String verb) {
        this.errors = errors;
        this.verb = verb;
    }

    ItemOutcome removed(Candidate candidate, int status) {
        return removed(candidate, status, null);
    }

    /** @param note what the removal did to the account first (e.g. demoted it), or null */
    ItemOutcome removed(Candidate candidate, int status, @Nullable String note) {
        return outcome(candidate, Outcome.DELETED, Reasons.REMOVED, status, note == null ? verb : note + ", then " + verb);
    }

    /** @param sentBefore this job instance had sent a removal for the account before this answer's request */
    ItemOutcome refused(Candidate candidate, int status, @Nullable String detail, boolean sentBefore) {
        if (status == 404 && sentBefore) {
            return outcome(candidate, Outcome.ALREADY_GONE, Reasons.REMOVED_BEFORE_RESTART, 404,
                    "already gone: this job had sent its removal before (interrupted, or its answer was lost)");
        }
        Optional<ErrorTranslation.Translated> translated = errors.translate(status, detail);
        if (translated.isPresent()) {
            ErrorTranslation.Translated t = translated.get();
            return outcome(candidate, t.outcome(), t.reason(), status, t.message());
        }
        if (status == 404) {
            return outcome(candidate, Outcome.NOT_FOUND, Reasons.NOT_FOUND_ON_REMOVAL, 404, "not found: " + detail);
        }
        return outcome(candidate, Outcome.FAILED, Reasons.SERVER_REJECTED, status, detail);
    }

    /** Whether the profile has a rule for this answer, which makes it final although its status would be retried. */
    boolean isKnownRefusal(int status, @Nullable String detail) {
        return errors.translate(status, detail).isPresent();
    }

    ItemOutcome failed(Candidate candidate, String reason, @Nullable Integer status, String message) {
        return outcome(candidate, Outcome.FAILED, reason, status, message);
    }

    ItemOutcome noAnswer(Candidate candidate, String what) {
        return outcome(candidate, Outcome.FAILED, Reasons.NO_ANSWER, null,
                "no answer to the removal, which may have happened; check the account (" + what + ")");
    }

    ItemOutcome unreadableAnswer(Candidate candidate, String what) {
        return outcome(candidate, Outcome.FAILED, Reasons.BAD_RESPONSE, null,
                "the answer to the removal could not be read, so it may have happened; check the account (" + what + ")");
    }

    private static ItemOutcome outcome(Candidate c, Outcome outcome, String reason, @Nullable Integer status, @Nullable String message) {
        return new ItemOutcome(c.seq(), c.lineNo(), c.inputValue(), c.accountId(), outcome, reason, status, message);
    }
}
