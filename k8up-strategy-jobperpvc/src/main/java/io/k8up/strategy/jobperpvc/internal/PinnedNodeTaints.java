package io.k8up.strategy.jobperpvc.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Node;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Taint;
import io.k8up.core.model.Toleration;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tolerations a backup pod needs on the one node a placement without a mounting pod pins it
 * to (K8up #805): no application pod proves them, so they come from the node's taints, when the
 * snapshot holds the node.
 */
final class PinnedNodeTaints {

  /** The effects that keep a pod that does not tolerate them off a node. */
  private static final ImmutableSet<String> REPELLING_EFFECTS = ImmutableSet.of("NoSchedule", "NoExecute");

  private PinnedNodeTaints() {}

  /**
   * A toleration of each {@code NoSchedule} and {@code NoExecute} taint of the node {@code
   * placement} pins, each once, in the node's order; empty if the placement is {@link
   * Placement.Type#POD_NODE} or pins no single node, or if the snapshot does not hold that node.
   */
  static ImmutableList<Toleration> of(Placement placement, ClusterSnapshot snapshot) {
    if (snapshot.nodes().isEmpty()) {
      return ImmutableList.of();
    }
    return pinnedNode(placement, snapshot)
        .map(PinnedNodeTaints::tolerations)
        .orElse(ImmutableList.of());
  }

  /**
   * The node a {@code HOSTNAME} placement names, or a {@code PV_NODE_AFFINITY} placement names with
   * its only requirement: {@code kubernetes.io/hostname In [one value]} or {@code metadata.name In
   * [one value]}.
   */
  private static Optional<Node> pinnedNode(Placement placement, ClusterSnapshot snapshot) {
    return switch (placement.type()) {
      case HOSTNAME -> withHostname(placement.hostname().orElseThrow(), snapshot);
      case PV_NODE_AFFINITY -> onlyRequirement(placement.nodeSelectorTerms())
          .flatMap(requirement -> requirement.key().equals(K8upAnnotations.HOSTNAME_LABEL)
              ? withHostname(requirement.values().get(0), snapshot)
              : snapshot.node(requirement.values().get(0)));
      case POD_NODE, ANY -> Optional.empty();
    };
  }

  // A node without the label, as hand-written files may hold, is matched by its name.
  private static Optional<Node> withHostname(String hostname, ClusterSnapshot snapshot) {
    return snapshot.nodeWithHostname(hostname).or(() -> snapshot.node(hostname));
  }

  /** The requirement of one term with one requirement that names one node, if that is all there is. */
  private static Optional<NodeSelectorRequirement> onlyRequirement(List<NodeSelectorTerm> terms) {
    if (terms.size() != 1) {
      return Optional.empty();
    }
    NodeSelectorTerm term = terms.get(0);
    if (term.matchExpressions().size() + term.matchFields().size() != 1) {
      return Optional.empty();
    }
    boolean isField = term.matchExpressions().isEmpty();
    NodeSelectorRequirement requirement =
        isField ? term.matchFields().get(0) : term.matchExpressions().get(0);
    String expectedKey = isField ? NodePinning.NODE_NAME_FIELD : K8upAnnotations.HOSTNAME_LABEL;
    boolean namesOneNode = requirement.key().equals(expectedKey)
        && requirement.operator().equals("In")
        && requirement.values().size() == 1;
    return namesOneNode ? Optional.of(requirement) : Optional.empty();
  }

  private static ImmutableList<Toleration> tolerations(Node node) {
    Set<Toleration> distinct = new LinkedHashSet<>();
    for (Taint taint : node.taints()) {
      if (REPELLING_EFFECTS.contains(taint.effect())) {
        distinct.add(Toleration.builder()
            .key(taint.key())
            .operator(taint.value().isPresent() ? "Equal" : "Exists")
            .value(taint.value())
            .effect(taint.effect())
            .build());
      }
    }
    return ImmutableList.copyOf(distinct);
  }
}
