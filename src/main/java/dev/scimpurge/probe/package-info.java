/**
 * What a SCIM server is seen to do, found out with read-only requests: the page sizes it serves, whether each lookup
 * filter finds an account the directory lists, how it compares case, and what each request costs. The purge's
 * automatic choices and the {@code probe} command read the same observations.
 */
@NullMarked
package dev.scimpurge.probe;

import org.jspecify.annotations.NullMarked;
