/**
 * How fast a run may go: the throughput settings, the worker pool and the remove step's chunk size, from which the
 * {@code scim} client's pacer, outage detector and retry policy are built.
 */
@NullMarked
package dev.scimpurge.throughput;

import org.jspecify.annotations.NullMarked;
