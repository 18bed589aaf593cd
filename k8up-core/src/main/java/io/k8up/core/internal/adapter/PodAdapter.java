package io.k8up.core.internal.adapter;

import static io.k8up.core.internal.adapter.ModelAdapter.nonBlank;
import static io.k8up.core.internal.adapter.ModelAdapter.orEmpty;
import static io.k8up.core.internal.adapter.ModelAdapter.stringMap;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.model.PodVolume;
import io.k8up.core.model.Toleration;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Converts the parts of a client-java pod that the planner reads. */
final class PodAdapter {

  private static final V1PodSecurityContext NO_SECURITY_CONTEXT = new V1PodSecurityContext();

  private PodAdapter() {}

  static Pod pod(V1ObjectMeta metadata, V1PodSpec spec, V1PodStatus status) {
    String name = metadata.getName();
    return Pod.builder()
        .namespace(metadata.getNamespace())
        .name(name)
        .annotations(stringMap(metadata.getAnnotations()))
        .labels(stringMap(metadata.getLabels()))
        .phase(PodPhase.fromKubernetesName(status == null ? null : status.getPhase()))
        .nodeName(nonBlank(spec == null ? null : spec.getNodeName()))
        .deleting(metadata.getDeletionTimestamp() != null)
        .uid(nonBlank(metadata.getUid()))
        .containerNames(names(spec == null ? null : spec.getContainers(), V1Container::getName))
        .ephemeralContainerNames(names(spec == null ? null : spec.getEphemeralContainers(), V1EphemeralContainer::getName))
        .claimVolumes(claimVolumes(name, spec))
        .tolerations(tolerations(spec))
        .runAsUser(Optional.ofNullable(podSecurity(spec).getRunAsUser()))
        .runAsGroup(Optional.ofNullable(podSecurity(spec).getRunAsGroup()))
        .fsGroup(Optional.ofNullable(podSecurity(spec).getFsGroup()))
        .controllerUid(controllerUid(metadata))
        .build();
  }

  /** The names of {@code containers}, leaving out null entries and names. */
  private static <C> ImmutableList<String> names(List<C> containers, Function<C, String> name) {
    ImmutableList.Builder<String> names = ImmutableList.builder();
    for (C container : orEmpty(containers)) {
      if (container != null && name.apply(container) != null) {
        names.add(name.apply(container));
      }
    }
    return names.build();
  }

  private static V1PodSecurityContext podSecurity(V1PodSpec spec) {
    return spec == null || spec.getSecurityContext() == null
        ? NO_SECURITY_CONTEXT : spec.getSecurityContext();
  }

  private static ImmutableList<Toleration> tolerations(V1PodSpec spec) {
    ImmutableList.Builder<Toleration> tolerations = ImmutableList.builder();
    for (V1Toleration toleration : orEmpty(spec == null ? null : spec.getTolerations())) {
      if (toleration != null) {
        tolerations.add(Toleration.builder()
            .key(nonBlank(toleration.getKey()))
            .operator(nonBlank(toleration.getOperator()))
            .value(nonBlank(toleration.getValue()))
            .effect(nonBlank(toleration.getEffect()))
            .tolerationSeconds(Optional.ofNullable(toleration.getTolerationSeconds()))
            .build());
      }
    }
    return tolerations.build();
  }

  private static ImmutableList<PodVolume> claimVolumes(String podName, V1PodSpec spec) {
    ImmutableList.Builder<PodVolume> volumes = ImmutableList.builder();
    for (V1Volume volume : orEmpty(spec == null ? null : spec.getVolumes())) {
      if (volume == null || volume.getName() == null) {
        continue;
      }
      if (volume.getPersistentVolumeClaim() != null) {
        nonBlank(volume.getPersistentVolumeClaim().getClaimName())
            .ifPresent(claim -> volumes.add(PodVolume.of(volume.getName(), claim)));
      } else if (volume.getEphemeral() != null) {
        // Kubernetes names the claim of a generic ephemeral volume <pod name>-<volume name>.
        volumes.add(PodVolume.of(volume.getName(), podName + "-" + volume.getName()));
      }
    }
    return volumes.build();
  }

  private static Optional<String> controllerUid(V1ObjectMeta metadata) {
    for (V1OwnerReference owner : orEmpty(metadata.getOwnerReferences())) {
      if (owner != null && Boolean.TRUE.equals(owner.getController())) {
        return nonBlank(owner.getUid());
      }
    }
    return Optional.empty();
  }
}
