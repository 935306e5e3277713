/** Step 4, the guards before anything is removed: dry run, removal limits, protected accounts and confirmation. */
@NullMarked
package dev.scimpurge.job.guard;

import org.jspecify.annotations.NullMarked;
