/**
 * Step 1, collecting the candidates: the CSV of emails or ids or the deactivated listing, read into the candidate
 * table, which the later steps page through.
 */
@NullMarked
package dev.scimpurge.job.collect;

import org.jspecify.annotations.NullMarked;
