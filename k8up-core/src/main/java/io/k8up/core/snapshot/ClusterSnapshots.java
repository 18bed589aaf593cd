package io.k8up.core.snapshot;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonObject;
import io.k8up.core.internal.adapter.ModelAdapter;
import io.k8up.core.internal.adapter.VolumeSnapshotClassObject;
import io.k8up.core.internal.snapshot.FieldTypeException;
import io.k8up.core.internal.snapshot.ModelGson;
import io.k8up.core.model.Node;
import io.k8up.core.model.SnapshotClass;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Collection;
import java.util.function.Function;

/**
 * Builds a {@link ClusterSnapshot} from client-java objects the caller already holds, such as the
 * caches of informers, converting them as {@link LiveSnapshots} converts what it lists. Makes no
 * request. Thread-safe.
 */
public final class ClusterSnapshots {

  private ClusterSnapshots() {}

  /**
   * A snapshot of these claims, PersistentVolumes and pods, without nodes.
   *
   * @throws IllegalArgumentException if an object has no {@code metadata.name}, a claim or pod no
   *     {@code metadata.namespace} (the message names the kind and position), or two objects of a
   *     kind share a name (within a namespace for claims and pods)
   * @throws NullPointerException if an argument is or holds null
   */
  public static ClusterSnapshot of(
      Collection<V1PersistentVolumeClaim> claims,
      Collection<V1PersistentVolume> volumes,
      Collection<V1Pod> pods) {
    return ClusterSnapshot.of(
        convert(claims, ModelAdapter::claim, "persistentvolumeclaims"),
        convert(volumes, ModelAdapter::volume, "persistentvolumes"),
        convert(pods, ModelAdapter::pod, "pods"));
  }

  /**
   * The model of these Nodes: their names, {@code kubernetes.io/hostname} labels and taints, for
   * {@link ClusterSnapshot#withNodes}.
   *
   * @throws IllegalArgumentException if a node has no {@code metadata.name} (the message names its
   *     position, as {@code nodes[0]})
   * @throws NullPointerException if {@code nodes} is or holds null
   */
  public static ImmutableList<Node> nodes(Collection<V1Node> nodes) {
    return convert(nodes, ModelAdapter::node, "nodes");
  }

  /**
   * The model of these VolumeSnapshotClasses ({@code snapshot.storage.k8s.io/v1}, which
   * client-java has no model of), each as the API server sends it, for {@link
   * ClusterSnapshot#withSnapshotClasses}.
   *
   * @throws IllegalArgumentException if a class has no {@code metadata.name} or no {@code driver},
   *     or a field holds a value that cannot be read (the message names its position, as {@code
   *     volumesnapshotclasses[0]})
   * @throws NullPointerException if {@code classes} is or holds null
   */
  public static ImmutableList<SnapshotClass> snapshotClasses(Collection<JsonObject> classes) {
    return convert(classes, ClusterSnapshots::snapshotClass, "volumesnapshotclasses");
  }

  private static SnapshotClass snapshotClass(JsonObject json) {
    try {
      return ModelAdapter.snapshotClass(ModelGson.fromTree(json, VolumeSnapshotClassObject.class));
    } catch (FieldTypeException e) {
      throw new IllegalArgumentException(e.field() + ": expected " + e.expected(), e);
    }
  }

  private static <V, M> ImmutableList<M> convert(Collection<V> objects, Function<V, M> adapter, String resource) {
    ImmutableList<V> items = ImmutableList.copyOf(checkNotNull(objects, resource));
    ImmutableList.Builder<M> models = ImmutableList.builderWithExpectedSize(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        models.add(adapter.apply(items.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(resource + "[" + i + "]: " + e.getMessage(), e);
      }
    }
    return models.build();
  }
}
