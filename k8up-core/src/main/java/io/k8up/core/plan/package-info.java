/**
 * Planning: deciding, for every claim and every pod with a backup command, whether to back it up,
 * skip it or fail it, and where.
 *
 * <p>The entry point is {@link io.k8up.core.plan.BackupPlanner}: {@code
 * BackupPlanner.builder().build().plan(snapshot)} returns a {@link io.k8up.core.plan.BackupPlan}.
 * Planning is pure: it reads only the snapshot and the planner's settings, so the same input always
 * gives the same plan. {@link io.k8up.core.plan.NodeResolver} is the chain of rules that places a
 * ReadWriteOnce claim; {@link io.k8up.core.plan.PlanJson} writes a plan in its versioned JSON form.
 */
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    defaults = @Value.Immutable(copy = false))
package io.k8up.core.plan;

import org.immutables.value.Value;
