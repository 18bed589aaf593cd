/**
 * Immutable views of the cluster objects the planner reads, and of what it decides to back up.
 *
 * <p>{@link io.k8up.core.model.Claim}, {@link io.k8up.core.model.PersistentVolume}, {@link
 * io.k8up.core.model.Pod} and, when they were read, {@link io.k8up.core.model.Node} hold only what
 * planning and strategies need; they are converted from client-java objects once, when a {@link
 * io.k8up.core.snapshot.ClusterSnapshot} is built, so no client-java type appears here. {@link
 * io.k8up.core.model.Placement} says where a backup pod must run and {@link
 * io.k8up.core.model.BackupTarget} what it backs up.
 */
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = false))
package io.k8up.core.model;

import org.immutables.value.Value;
