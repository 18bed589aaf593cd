/**
 * How the {@code csi-snapshot} strategy decides and materializes: the VolumeSnapshotClass of a
 * claim's driver, the VolumeSnapshot, the temporary claim and the Job. Not API: {@link
 * io.k8up.strategy.csisnapshot.internal.SnapshotClassChoice} and {@link
 * io.k8up.strategy.csisnapshot.internal.SnapshotMaterializer} are public only for the strategy to
 * call.
 */
package io.k8up.strategy.csisnapshot.internal;
