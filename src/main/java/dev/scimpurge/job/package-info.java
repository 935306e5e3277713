/**
 * The Spring Batch purge job and what identifies a run: launching, restarting, stopping and abandoning executions, the
 * one-purge-per-target lock, and the job database with its schema.
 */
@NullMarked
package dev.scimpurge.job;

import org.jspecify.annotations.NullMarked;
