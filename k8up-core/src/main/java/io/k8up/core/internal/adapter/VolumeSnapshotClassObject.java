package io.k8up.core.internal.adapter;

import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * A VolumeSnapshotClass ({@code snapshot.storage.k8s.io/v1}) as read from JSON, with only the
 * fields the model needs. client-java has no typed model for it; like client-java's models, every
 * field may be null, and fields not declared here are ignored when reading.
 *
 * @param metadata the object's metadata
 * @param driver the CSI driver whose volumes the class snapshots
 */
public record VolumeSnapshotClassObject(V1ObjectMeta metadata, String driver) {}
