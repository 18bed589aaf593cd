package io.k8up.fabric8.internal;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Node;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.model.Taint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts fabric8 Nodes and VolumeSnapshotClasses to the model by the rules of k8up-core's own
 * readers, which offer no public conversion from client-java objects for these two kinds: a
 * node's name, {@code kubernetes.io/hostname} label and taints (those without key or effect repel
 * no pod and are left out); a class's name, driver and annotations.
 */
public final class ClusterWideObjects {

  private ClusterWideObjects() {}

  /**
   * The model of a node.
   *
   * @throws IllegalArgumentException if {@code metadata.name} is missing
   */
  public static Node node(io.fabric8.kubernetes.api.model.Node node) {
    ObjectMeta metadata = requireName(node.getMetadata());
    Map<String, String> labels = metadata.getLabels();
    ImmutableList.Builder<Taint> taints = ImmutableList.builder();
    List<io.fabric8.kubernetes.api.model.Taint> declared = node.getSpec() == null ? null : node.getSpec().getTaints();
    for (io.fabric8.kubernetes.api.model.Taint taint : declared == null ? List.<io.fabric8.kubernetes.api.model.Taint>of()
        : declared) {
      if (taint != null && !Strings.isNullOrEmpty(taint.getKey()) && !Strings.isNullOrEmpty(taint.getEffect())) {
        taints.add(Taint.builder().key(taint.getKey()).value(nonBlank(taint.getValue())).effect(taint.getEffect())
            .build());
      }
    }
    return Node.builder()
        .name(metadata.getName())
        .hostname(nonBlank(labels == null ? null : labels.get(K8upAnnotations.HOSTNAME_LABEL)))
        .taints(taints.build())
        .build();
  }

  /**
   * The model of a VolumeSnapshotClass ({@code snapshot.storage.k8s.io/v1}), held as a generic
   * resource.
   *
   * @throws IllegalArgumentException if {@code metadata.name} or {@code driver} is missing
   */
  public static SnapshotClass snapshotClass(GenericKubernetesResource snapshotClass) {
    ObjectMeta metadata = requireName(snapshotClass.getMetadata());
    Object driver = snapshotClass.getAdditionalProperties().get("driver");
    checkArgument(driver instanceof String text && !text.isEmpty(), "driver is missing");
    return SnapshotClass.builder()
        .name(metadata.getName())
        .driver((String) driver)
        .annotations(stringMap(metadata.getAnnotations()))
        .build();
  }

  private static ObjectMeta requireName(ObjectMeta metadata) {
    checkArgument(metadata != null && !Strings.isNullOrEmpty(metadata.getName()), "metadata.name is missing");
    return metadata;
  }

  // As k8up-core reads them: a value that is null (a YAML "key:" with nothing after it) means "".
  private static ImmutableMap<String, String> stringMap(Map<String, String> map) {
    if (map == null) {
      return ImmutableMap.of();
    }
    ImmutableMap.Builder<String, String> copy = ImmutableMap.builderWithExpectedSize(map.size());
    map.forEach((key, value) -> copy.put(key, value == null ? "" : value));
    return copy.buildKeepingLast();
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
