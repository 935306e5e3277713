/**
 * Step 2: choosing how addresses are looked up, and the service's directory copied into the job database for
 * {@code --lookup directory}, dropped once the plan is made.
 */
@NullMarked
package dev.scimpurge.job.lookup;

import org.jspecify.annotations.NullMarked;
