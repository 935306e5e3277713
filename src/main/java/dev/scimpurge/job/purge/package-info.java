/**
 * Steps 3 and 5: resolving each candidate to an account (the plan) and removing the accounts, one by one or in bulk,
 * with the removal-attempt log that lets a restart tell an account already gone from one never found.
 */
@NullMarked
package dev.scimpurge.job.purge;

import org.jspecify.annotations.NullMarked;
