package io.k8up.core.internal.adapter;

import java.util.List;

/**
 * A {@code VolumeSnapshotClassList} as the API server answers a list request, read like {@link
 * VolumeSnapshotClassObject}.
 *
 * @param items the classes; null when the answer has none
 */
public record VolumeSnapshotClassList(List<VolumeSnapshotClassObject> items) {}
