/**
 * What a run writes for people: the failure report, the plan report and the run summary, and the record of every
 * report file an execution writes.
 */
@NullMarked
package dev.scimpurge.report;

import org.jspecify.annotations.NullMarked;
