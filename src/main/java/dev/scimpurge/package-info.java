/**
 * The entry point, which lets the command line decide what to start, the two Spring contexts (a purge run, and the
 * job database alone for the operator commands) and the tunables, {@code ScimPurgeProperties}.
 */
@NullMarked
package dev.scimpurge;

import org.jspecify.annotations.NullMarked;
