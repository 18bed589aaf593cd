package io.k8up.strategy.jobperpvc.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.Toleration;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1NodeAffinity;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Schedules a backup pod where its placement says, and nowhere else. */
final class NodePinning {

  /** The only node field a node selector may match. */
  static final String NODE_NAME_FIELD = "metadata.name";

  private NodePinning() {}

  /**
   * Pins {@code spec} to {@code placement}:
   *
   * <ul>
   *   <li>{@code POD_NODE}: required node affinity on the node's exact name, a field of the node
   *       that the scheduler matches without anyone reading Nodes (the node's {@code
   *       kubernetes.io/hostname} label may differ from its name), and the mounting pods'
   *       tolerations, which proved to be needed on that node;
   *   <li>{@code PV_NODE_AFFINITY}: the PersistentVolume's terms as required node affinity;
   *   <li>{@code HOSTNAME}: a {@code kubernetes.io/hostname} node selector;
   *   <li>{@code ANY}: nothing.
   * </ul>
   *
   * <p>The last two tolerate the taints of the node they pin, if the snapshot holds that node
   * ({@link PinnedNodeTaints}).
   */
  static void apply(
      Placement placement, List<Pod> mountingPods, ClusterSnapshot snapshot, V1PodSpec spec) {
    switch (placement.type()) {
      case POD_NODE -> spec
          .affinity(requiredAffinity(ImmutableList.of(new V1NodeSelectorTerm()
              .matchFields(ImmutableList.of(new V1NodeSelectorRequirement()
                  .key(NODE_NAME_FIELD)
                  .operator("In")
                  .values(ImmutableList.of(placement.node().orElseThrow())))))))
          .tolerations(tolerations(mountingPods));
      case PV_NODE_AFFINITY -> {
        spec.affinity(requiredAffinity(placement.nodeSelectorTerms().stream()
            .map(NodePinning::term)
            .collect(ImmutableList.toImmutableList())));
        tolerateTaintsOfPinnedNode(placement, snapshot, spec);
      }
      case HOSTNAME -> {
        spec.nodeSelector(ImmutableMap.of(K8upAnnotations.HOSTNAME_LABEL, placement.hostname().orElseThrow()));
        tolerateTaintsOfPinnedNode(placement, snapshot, spec);
      }
      case ANY -> { }
    }
  }

  private static V1Affinity requiredAffinity(List<V1NodeSelectorTerm> terms) {
    return new V1Affinity().nodeAffinity(new V1NodeAffinity()
        .requiredDuringSchedulingIgnoredDuringExecution(new V1NodeSelector().nodeSelectorTerms(terms)));
  }

  private static V1NodeSelectorTerm term(NodeSelectorTerm term) {
    return new V1NodeSelectorTerm()
        .matchExpressions(requirements(term.matchExpressions()))
        .matchFields(requirements(term.matchFields()));
  }

  private static ImmutableList<V1NodeSelectorRequirement> requirements(List<NodeSelectorRequirement> requirements) {
    return requirements.stream()
        .map(requirement -> new V1NodeSelectorRequirement()
            .key(requirement.key())
            .operator(requirement.operator())
            .values(requirement.values()))
        .collect(ImmutableList.toImmutableList());
  }

  /** The pods' tolerations, verbatim, each once, in the order of the pods and of their specs. */
  private static ImmutableList<V1Toleration> tolerations(List<Pod> pods) {
    Set<Toleration> distinct = new LinkedHashSet<>();
    pods.forEach(pod -> distinct.addAll(pod.tolerations()));
    return kubernetesTolerations(distinct);
  }

  /** Tolerations of the taints of the node {@code placement} pins, when it pins one the snapshot holds. */
  static ImmutableList<V1Toleration> pinnedNodeTolerations(Placement placement, ClusterSnapshot snapshot) {
    return kubernetesTolerations(PinnedNodeTaints.of(placement, snapshot));
  }

  private static void tolerateTaintsOfPinnedNode(Placement placement, ClusterSnapshot snapshot, V1PodSpec spec) {
    ImmutableList<Toleration> tolerations = PinnedNodeTaints.of(placement, snapshot);
    if (!tolerations.isEmpty()) {
      spec.tolerations(kubernetesTolerations(tolerations));
    }
  }

  private static ImmutableList<V1Toleration> kubernetesTolerations(Collection<Toleration> tolerations) {
    return tolerations.stream()
        .map(toleration -> new V1Toleration()
            .key(toleration.key().orElse(null))
            .operator(toleration.operator().orElse(null))
            .value(toleration.value().orElse(null))
            .effect(toleration.effect().orElse(null))
            .tolerationSeconds(toleration.tolerationSeconds().orElse(null)))
        .collect(ImmutableList.toImmutableList());
  }
}
