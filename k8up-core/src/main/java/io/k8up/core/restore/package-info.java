/**
 * Restore planning: deciding, for every claim a user asks to restore, whether to restore it, skip
 * it or fail it, into which claim, from which backup, and where the restore pod must run.
 *
 * <p>The entry point is {@link io.k8up.core.restore.RestorePlanner}: {@code
 * RestorePlanner.builder().build().plan(snapshot, storageClasses, requests)} returns a {@link
 * io.k8up.core.restore.RestorePlan}. Planning is pure, like backup planning: it reads only its
 * arguments, uses no clock, and places a claim with the same {@link io.k8up.core.plan.NodeResolver}
 * chain as a backup of it. Which backup is restored ({@link io.k8up.core.restore.SnapshotChoice}) is
 * resolved by the restore pod against the repository, never by the planner. Running a plan is
 * {@link io.k8up.core.run.RestoreExecutor}'s.
 */
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = false))
package io.k8up.core.restore;

import org.immutables.value.Value;
