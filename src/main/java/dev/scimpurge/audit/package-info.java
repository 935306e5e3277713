/**
 * The per-row outcome table and its hash chain, and the history, audit, verification and retention queries over the
 * job database.
 */
@NullMarked
package dev.scimpurge.audit;

import org.jspecify.annotations.NullMarked;
