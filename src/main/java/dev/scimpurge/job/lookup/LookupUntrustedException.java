package dev.scimpurge.job.lookup;

/**
 * {@code --lookup filter} was asked for, but no lookup filter found an account the directory lists: resolving by it
 * would call existing accounts "not found". Raised before anything is removed; a configuration error.
 */
public class LookupUntrustedException extends RuntimeException {

    public LookupUntrustedException(String message) {
        super(message);
    }
}
