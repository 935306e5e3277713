package dev.scimpurge.job.lookup;

import dev.scimpurge.scim.EmailResolver.Lookup;

/** Finds the account behind an email address: by asking the server, or in the directory copied into the job database. */
@FunctionalInterface
public interface AccountLookup {

    Lookup find(String email);
}
