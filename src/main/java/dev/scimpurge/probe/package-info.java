/**
 * What a SCIM server is seen to do, found out with read-only requests: the page sizes it serves, whether each lookup
 * filter finds an account the directory lists, how it compares case, and what each request costs. The purge's
 * automatic choices (the {@code copyDirectory} step) read these observations.
 */
@NullMarked
package dev.scimpurge.probe;

import org.jspecify.annotations.NullMarked;
