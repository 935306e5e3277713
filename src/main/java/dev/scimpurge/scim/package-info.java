/**
 * The SCIM protocol client, which knows nothing of the job: requests, filters, defensive response parsing, the sealed
 * exception hierarchy, TLS trust, and the pacing, retries and outage detection every worker shares.
 */
@NullMarked
package dev.scimpurge.scim;

import org.jspecify.annotations.NullMarked;
