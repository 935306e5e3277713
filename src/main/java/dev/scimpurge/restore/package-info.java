/**
 * {@code scim-purge restore}: gives the accounts an execution removed back what the removal took, where the service
 * can (a deactivation, Anaplan's workspace entitlements from the resource kept before the removal), says per account
 * when it cannot (a hard delete) with what was kept, and records every restore as an outcome of a job instance of its own.
 */
@NullMarked
package dev.scimpurge.restore;

import org.jspecify.annotations.NullMarked;
