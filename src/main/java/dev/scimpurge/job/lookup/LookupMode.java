package dev.scimpurge.job.lookup;

import java.util.Locale;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * How the resolve step looks addresses up, as the copy step decided it for the job instance: one
 * filter request per address, in the copy of the directory, or not at all (nothing to resolve).
 * Kept in the job's context under {@value #KEY} by its lower-case name, so a restart resolves the
 * same way.
 */
public enum LookupMode {
    FILTER, DIRECTORY, NONE;

    static final String KEY = "lookup.mode";

    void saveIn(ExecutionContext jobContext) {
        jobContext.putString(KEY, name().toLowerCase(Locale.ROOT));
    }

    /** The mode the copy step saved in the job's context; {@link #FILTER} when none was saved. */
    public static LookupMode readFrom(ExecutionContext jobContext) {
        String saved = jobContext.containsKey(KEY) ? jobContext.getString(KEY) : null;
        return saved == null ? FILTER : valueOf(saved.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
