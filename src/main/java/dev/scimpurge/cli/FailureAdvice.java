package dev.scimpurge.cli;

import java.util.List;

import dev.scimpurge.job.LeaseLostException;
import dev.scimpurge.job.collect.CsvFormatException;
import dev.scimpurge.scim.ScimAuthorizationException;

/**
 * What to tell the operator after an execution failed, by what failed it: to run again only where running again
 * can help, and what to change first where it cannot help by itself.
 */
enum FailureAdvice {

    /** The credentials were refused part-way (expired, revoked, a permission taken away): fix them, then continue. */
    CREDENTIALS(ScimAuthorizationException.class,
            "Fix the credentials, then run the same command again, or 'scim-purge restart %d', to continue where it stopped."),
    /** The input cannot be read: running the same input again cannot help; a fixed file is a new run. */
    INPUT(CsvFormatException.class, "Fix the CSV (save it as UTF-8) and purge the fixed file; an edited CSV is a new run."),
    /** This process lost the run's lease: another process may be continuing it, or the job database was out of reach. */
    LEASE_LOST(LeaseLostException.class, "If another process took the run over, it continues it ('scim-purge history' shows it); "
            + "otherwise run the same command again, or 'scim-purge restart %d', once the job database answers."),
    /** Anything that may pass by itself: a server that was down, an outage of the job database, a crash. */
    TRANSIENT(Throwable.class, "Run the same command again, or 'scim-purge restart %d', to continue where it stopped.");

    private final Class<? extends Throwable> cause;
    private final String advice;

    FailureAdvice(Class<? extends Throwable> cause, String advice) {
        this.cause = cause;
        this.advice = advice;
    }

    /** The first advice, in declaration order, that one of the causes calls for. */
    static FailureAdvice of(List<Throwable> causes) {
        for (FailureAdvice candidate : values()) {
            if (causes.stream().anyMatch(candidate.cause::isInstance)) {
                return candidate;
            }
        }
        return TRANSIENT;
    }

    String advise(long executionId) {
        return advice.formatted(executionId);
    }
}
