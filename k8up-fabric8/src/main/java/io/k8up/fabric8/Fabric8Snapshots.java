package io.k8up.fabric8;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.ClusterSnapshots;
import io.k8up.fabric8.internal.JsonBridge;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Collection;
import java.util.function.Function;

/**
 * Builds a {@link ClusterSnapshot} from fabric8 objects the caller already holds, such as the
 * informer caches of a Java Operator SDK operator, with the same result as {@link
 * ClusterSnapshots#of} gives for the same objects read by client-java. Makes no request.
 * Thread-safe.
 *
 * <p>Every kind goes through its JSON to {@link ClusterSnapshots} (claims, volumes, pods and
 * Nodes by way of client-java's models), so that both clients' objects are read by one set of
 * rules; fields neither knows are ignored. Add Nodes and VolumeSnapshotClasses with {@link
 * ClusterSnapshot#withNodes} and {@link ClusterSnapshot#withSnapshotClasses}.
 *
 * <pre>{@code
 * ClusterSnapshot snapshot = Fabric8Snapshots.of(claimCache.list(), volumeCache.list(), podCache.list())
 *     .withNodes(Fabric8Snapshots.nodes(nodeCache.list()));
 * }</pre>
 */
public final class Fabric8Snapshots {

  private static final JsonBridge JSON = JsonBridge.of(new KubernetesSerialization());

  private Fabric8Snapshots() {}

  /**
   * A snapshot of these claims, PersistentVolumes and pods, without nodes.
   *
   * @throws IllegalArgumentException if an object has no {@code metadata.name}, a claim or pod no
   *     {@code metadata.namespace}, a field holds a value that cannot be read (the message names
   *     the kind and position, as {@code persistentvolumeclaims[3]}), or two objects of a kind
   *     share a name (within a namespace for claims and pods)
   * @throws NullPointerException if an argument is or holds null
   */
  public static ClusterSnapshot of(
      Collection<PersistentVolumeClaim> claims,
      Collection<PersistentVolume> volumes,
      Collection<Pod> pods) {
    return ClusterSnapshots.of(
        convert(claims, claim -> JSON.toClientJava(claim, V1PersistentVolumeClaim.class), "persistentvolumeclaims"),
        convert(volumes, volume -> JSON.toClientJava(volume, V1PersistentVolume.class), "persistentvolumes"),
        convert(pods, pod -> JSON.toClientJava(pod, V1Pod.class), "pods"));
  }

  /**
   * The model of these Nodes: their names, {@code kubernetes.io/hostname} labels and taints, for
   * {@link ClusterSnapshot#withNodes}.
   *
   * @throws IllegalArgumentException if a node has no {@code metadata.name} (the message names its
   *     position, as {@code nodes[0]})
   * @throws NullPointerException if {@code nodes} is or holds null
   */
  public static ImmutableList<io.k8up.core.model.Node> nodes(Collection<Node> nodes) {
    return ClusterSnapshots.nodes(convert(nodes, node -> JSON.toClientJava(node, V1Node.class), "nodes"));
  }

  /**
   * The model of these VolumeSnapshotClasses ({@code snapshot.storage.k8s.io/v1}, which fabric8
   * serves as generic resources), for {@link ClusterSnapshot#withSnapshotClasses}.
   *
   * @throws IllegalArgumentException if a class has no {@code metadata.name} or no {@code driver}
   *     (the message names its position, as {@code volumesnapshotclasses[0]})
   * @throws NullPointerException if {@code classes} is or holds null
   */
  public static ImmutableList<SnapshotClass> snapshotClasses(Collection<GenericKubernetesResource> classes) {
    return ClusterSnapshots.snapshotClasses(convert(classes, JSON::toTree, "volumesnapshotclasses"));
  }

  private static <F, T> ImmutableList<T> convert(Collection<F> objects, Function<F, T> converter, String resource) {
    ImmutableList<F> items = ImmutableList.copyOf(checkNotNull(objects, resource));
    ImmutableList.Builder<T> converted = ImmutableList.builderWithExpectedSize(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        converted.add(converter.apply(items.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(resource + "[" + i + "]: " + e.getMessage(), e);
      }
    }
    return converted.build();
  }
}
