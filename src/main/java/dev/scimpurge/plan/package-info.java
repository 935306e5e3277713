/**
 * Approved plans: what a plan report lists for a person to approve (target, time, accounts and what was read for each),
 * the digest that shows the list was not edited since it was written ({@link PlanDigest}), reading a plan back for
 * {@code purge --apply-plan} ({@link ApprovedPlan}), and the command that applies one ({@link PlanRelease}).
 */
@NullMarked
package dev.scimpurge.plan;

import org.jspecify.annotations.NullMarked;
