package io.k8up.core.internal.adapter;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.Node;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.SnapshotClass;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1Pod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts client-java objects to the model. Every level of a client-java object may be null; a
 * missing list or map becomes an empty one, a missing or blank string an empty {@link Optional}.
 */
public final class ModelAdapter {

  private static final BigDecimal MAX_BYTES = BigDecimal.valueOf(Long.MAX_VALUE);

  private ModelAdapter() {}

  /**
   * The model of a PersistentVolumeClaim.
   *
   * @throws IllegalArgumentException if {@code metadata.name} or {@code metadata.namespace} is
   *     missing
   */
  public static Claim claim(V1PersistentVolumeClaim pvc) {
    V1ObjectMeta metadata = requireMetadata(pvc.getMetadata(), true);
    V1PersistentVolumeClaimSpec spec = pvc.getSpec();
    V1PersistentVolumeClaimStatus status = pvc.getStatus();
    return Claim.builder()
        .namespace(metadata.getNamespace())
        .name(metadata.getName())
        .uid(nonBlank(metadata.getUid()))
        .annotations(stringMap(metadata.getAnnotations()))
        .phase(ClaimPhase.fromKubernetesName(status == null ? null : status.getPhase()))
        .volumeName(nonBlank(spec == null ? null : spec.getVolumeName()))
        .requestedBytes(requestedBytes(spec))
        .storageClassName(nonBlank(spec == null ? null : spec.getStorageClassName()))
        .asksForNoStorageClass(spec != null && "".equals(spec.getStorageClassName()))
        .specAccessModes(accessModes(spec == null ? null : spec.getAccessModes()))
        .statusAccessModes(accessModes(status == null ? null : status.getAccessModes()))
        .build();
  }

  /**
   * The model of a PersistentVolume, with its required node affinity copied verbatim.
   *
   * @throws IllegalArgumentException if {@code metadata.name} is missing
   */
  public static PersistentVolume volume(V1PersistentVolume pv) {
    V1ObjectMeta metadata = requireMetadata(pv.getMetadata(), false);
    return PersistentVolume.builder()
        .name(metadata.getName())
        .requiredNodeAffinity(NodeAffinityAdapter.requiredTerms(pv.getSpec()))
        .csiDriver(nonBlank(pv.getSpec() == null || pv.getSpec().getCsi() == null ? null : pv.getSpec().getCsi().getDriver()))
        .build();
  }

  /**
   * The model of a pod.
   *
   * @throws IllegalArgumentException if {@code metadata.name} or {@code metadata.namespace} is
   *     missing
   */
  public static Pod pod(V1Pod pod) {
    V1ObjectMeta metadata = requireMetadata(pod.getMetadata(), true);
    return PodAdapter.pod(metadata, pod.getSpec(), pod.getStatus());
  }

  /**
   * The model of a node: its name, its {@code kubernetes.io/hostname} label and its taints.
   *
   * @throws IllegalArgumentException if {@code metadata.name} is missing
   */
  public static Node node(V1Node node) {
    V1ObjectMeta metadata = requireMetadata(node.getMetadata(), false);
    return NodeAdapter.node(metadata, node.getSpec());
  }

  /**
   * The model of a VolumeSnapshotClass: its name, driver and annotations.
   *
   * @throws IllegalArgumentException if {@code metadata.name} or {@code driver} is missing
   */
  public static SnapshotClass snapshotClass(VolumeSnapshotClassObject snapshotClass) {
    V1ObjectMeta metadata = requireMetadata(snapshotClass.metadata(), false);
    checkArgument(!Strings.isNullOrEmpty(snapshotClass.driver()), "driver is missing");
    return SnapshotClass.builder()
        .name(metadata.getName())
        .driver(snapshotClass.driver())
        .annotations(stringMap(metadata.getAnnotations()))
        .build();
  }

  private static V1ObjectMeta requireMetadata(V1ObjectMeta metadata, boolean namespaced) {
    checkArgument(
        metadata != null && !Strings.isNullOrEmpty(metadata.getName()), "metadata.name is missing");
    checkArgument(
        !namespaced || !Strings.isNullOrEmpty(metadata.getNamespace()),
        "metadata.namespace is missing");
    return metadata;
  }

  static ImmutableMap<String, String> stringMap(Map<String, String> map) {
    if (map == null) {
      return ImmutableMap.of();
    }
    ImmutableMap.Builder<String, String> copy = ImmutableMap.builderWithExpectedSize(map.size());
    // client-java maps may hold null values (a YAML "key:" with nothing after it); they mean "".
    map.forEach((key, value) -> copy.put(key, value == null ? "" : value));
    return copy.buildKeepingLast();
  }

  static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? ImmutableList.of() : list;
  }

  private static Optional<Long> requestedBytes(V1PersistentVolumeClaimSpec spec) {
    if (spec == null || spec.getResources() == null || spec.getResources().getRequests() == null) {
      return Optional.empty();
    }
    Quantity storage = spec.getResources().getRequests().get("storage");
    if (storage == null || storage.getNumber() == null) {
      return Optional.empty();
    }
    BigDecimal bytes = storage.getNumber().setScale(0, RoundingMode.CEILING);
    return Optional.of(bytes.compareTo(MAX_BYTES) > 0 ? Long.MAX_VALUE : bytes.longValue());
  }

  private static ImmutableSet<AccessMode> accessModes(List<String> names) {
    ImmutableSet.Builder<AccessMode> modes = ImmutableSet.builder();
    for (String name : orEmpty(names)) {
      if (name != null) {
        AccessMode.fromKubernetesName(name).ifPresent(modes::add);
      }
    }
    return modes.build();
  }
}
