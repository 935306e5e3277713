package dev.scimpurge.job.lookup;

import java.util.Locale;

/** How an execution resolves addresses, as decided once per run and kept in its job context. */
public enum LookupMode {
    /** One filter request per address, with the filters the probe proved. */
    FILTER,
    /** The directory copied into the job database, matched locally. */
    DIRECTORY,
    /** Nothing to resolve: every row came with an account id. */
    NONE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LookupMode fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
