/**
 * The one place where client-java objects ({@code V1PersistentVolumeClaim}, {@code
 * V1PersistentVolume}, {@code V1Pod}, {@code V1Node}) and VolumeSnapshotClasses, for which
 * client-java has no model ({@link io.k8up.core.internal.adapter.VolumeSnapshotClassObject}),
 * become the immutable model of {@link io.k8up.core.model}.
 *
 * <p>client-java models are mutable and nullable at every level; {@link
 * io.k8up.core.internal.adapter.ModelAdapter} reads them defensively so that no other package needs
 * to know client-java's types.
 */
package io.k8up.core.internal.adapter;
