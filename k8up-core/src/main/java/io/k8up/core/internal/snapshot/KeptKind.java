package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import io.k8up.core.internal.adapter.ModelAdapter;
import io.k8up.core.internal.adapter.VolumeSnapshotClassObject;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Optional;

/** The kinds a snapshot keeps, each of one apiVersion. */
enum KeptKind {
  PERSISTENT_VOLUME_CLAIM("PersistentVolumeClaim", "v1", true, V1PersistentVolumeClaim.class),
  PERSISTENT_VOLUME("PersistentVolume", "v1", false, V1PersistentVolume.class),
  POD("Pod", "v1", true, V1Pod.class),
  NODE("Node", "v1", false, V1Node.class),
  VOLUME_SNAPSHOT_CLASS("VolumeSnapshotClass", "snapshot.storage.k8s.io/v1", false,
      VolumeSnapshotClassObject.class);

  final String kind;
  /** The one apiVersion kept; objects of the kind in other versions are ignored. */
  final String apiVersion;
  final boolean namespaced;
  private final Class<?> clientType;

  KeptKind(String kind, String apiVersion, boolean namespaced, Class<?> clientType) {
    this.kind = kind;
    this.apiVersion = apiVersion;
    this.namespaced = namespaced;
    this.clientType = clientType;
  }

  /** The kept kind named {@code kind}, if it is one. */
  static Optional<KeptKind> named(String kind) {
    for (KeptKind kept : values()) {
      if (kept.kind.equals(kind)) {
        return Optional.of(kept);
      }
    }
    return Optional.empty();
  }

  /**
   * The client-java object {@code tree} describes.
   *
   * @throws FieldTypeException if a field holds a value of the wrong type
   */
  Object read(JsonElement tree) {
    return ModelGson.fromTree(tree, clientType);
  }

  /**
   * The model of a client-java object {@link #read} returned, once its name was checked.
   *
   * @throws IllegalArgumentException if a field the model requires is missing
   */
  Object toModel(Object clientObject) {
    return switch (this) {
      case PERSISTENT_VOLUME_CLAIM -> ModelAdapter.claim((V1PersistentVolumeClaim) clientObject);
      case PERSISTENT_VOLUME -> ModelAdapter.volume((V1PersistentVolume) clientObject);
      case POD -> ModelAdapter.pod((V1Pod) clientObject);
      case NODE -> ModelAdapter.node((V1Node) clientObject);
      case VOLUME_SNAPSHOT_CLASS -> ModelAdapter.snapshotClass((VolumeSnapshotClassObject) clientObject);
    };
  }
}
