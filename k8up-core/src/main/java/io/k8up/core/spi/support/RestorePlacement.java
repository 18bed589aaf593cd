package io.k8up.core.spi.support;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.Toleration;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Schedules a restore pod where its placement says, as the job-per-pvc strategy schedules a backup
 * pod: on a pod's node by the node's exact name ({@code metadata.name}, which the scheduler matches
 * without reading Nodes) with that pod's tolerations; by the PersistentVolume's terms; by a {@code
 * kubernetes.io/hostname} node selector; or anywhere.
 */
final class RestorePlacement {

  private RestorePlacement() {}

  static void apply(Placement placement, List<Pod> mountingPods, V1PodSpec spec) {
    switch (placement.type()) {
      case POD_NODE -> spec
          .affinity(required(ImmutableList.of(new V1NodeSelectorTerm().matchFields(ImmutableList.of(
              new V1NodeSelectorRequirement().key("metadata.name").operator("In")
                  .values(ImmutableList.of(placement.node().orElseThrow())))))))
          .tolerations(tolerations(mountingPods));
      case PV_NODE_AFFINITY -> spec.affinity(required(placement.nodeSelectorTerms().stream()
          .map(term -> new V1NodeSelectorTerm()
              .matchExpressions(requirements(term.matchExpressions()))
              .matchFields(requirements(term.matchFields())))
          .collect(ImmutableList.toImmutableList())));
      case HOSTNAME -> spec.nodeSelector(
          ImmutableMap.of(K8upAnnotations.HOSTNAME_LABEL, placement.hostname().orElseThrow()));
      case ANY -> { }
    }
  }

  private static V1Affinity required(List<V1NodeSelectorTerm> terms) {
    return new V1Affinity().nodeAffinity(new V1NodeAffinity()
        .requiredDuringSchedulingIgnoredDuringExecution(new V1NodeSelector().nodeSelectorTerms(terms)));
  }

  private static ImmutableList<V1NodeSelectorRequirement> requirements(List<NodeSelectorRequirement> requirements) {
    return requirements.stream()
        .map(requirement -> new V1NodeSelectorRequirement()
            .key(requirement.key()).operator(requirement.operator()).values(requirement.values()))
        .collect(ImmutableList.toImmutableList());
  }

  /** The pods' tolerations, each once, in the order of the pods and of their specs. */
  private static ImmutableList<V1Toleration> tolerations(List<Pod> pods) {
    Set<Toleration> distinct = new LinkedHashSet<>();
    pods.forEach(pod -> distinct.addAll(pod.tolerations()));
    return distinct.stream()
        .map(toleration -> new V1Toleration()
            .key(toleration.key().orElse(null))
            .operator(toleration.operator().orElse(null))
            .value(toleration.value().orElse(null))
            .effect(toleration.effect().orElse(null))
            .tolerationSeconds(toleration.tolerationSeconds().orElse(null)))
        .collect(ImmutableList.toImmutableList());
  }
}
