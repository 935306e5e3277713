/** The purge's metrics and Spring Batch's observations, pushed to a Prometheus Pushgateway during and at the end of a run. */
@NullMarked
package dev.scimpurge.metrics;

import org.jspecify.annotations.NullMarked;
