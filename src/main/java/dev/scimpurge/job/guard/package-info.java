/**
 * Step 4, the guards before anything is removed: dry run, removal limits (fixed, and compared with the target's earlier
 * completed runs), protected accounts, the grace period and confirmation.
 */
@NullMarked
package dev.scimpurge.job.guard;

import org.jspecify.annotations.NullMarked;
