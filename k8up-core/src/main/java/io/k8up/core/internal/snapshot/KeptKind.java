package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import io.k8up.core.internal.adapter.ModelAdapter;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Optional;

/** The kinds a snapshot keeps, all of the core API group ({@code apiVersion: v1}). */
enum KeptKind {
  PERSISTENT_VOLUME_CLAIM("PersistentVolumeClaim", true, V1PersistentVolumeClaim.class),
  PERSISTENT_VOLUME("PersistentVolume", false, V1PersistentVolume.class),
  POD("Pod", true, V1Pod.class),
  NODE("Node", false, V1Node.class);

  /** The apiVersion of every kept kind. */
  static final String API_VERSION = "v1";

  final String kind;
  final boolean namespaced;
  private final Class<?> clientType;

  KeptKind(String kind, boolean namespaced, Class<?> clientType) {
    this.kind = kind;
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

  /** The model of a client-java object {@link #read} returned, once its name was checked. */
  Object toModel(Object clientObject) {
    return switch (this) {
      case PERSISTENT_VOLUME_CLAIM -> ModelAdapter.claim((V1PersistentVolumeClaim) clientObject);
      case PERSISTENT_VOLUME -> ModelAdapter.volume((V1PersistentVolume) clientObject);
      case POD -> ModelAdapter.pod((V1Pod) clientObject);
      case NODE -> ModelAdapter.node((V1Node) clientObject);
    };
  }
}
